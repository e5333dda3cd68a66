/**
 * The client side: {@link io.privkit.federated.client.FederatedClient} connects out to a
 * coordinator and runs the user's {@link io.privkit.federated.client.LocalTrainer} on each round's
 * global model; only updates, example counts and metrics leave the site. Ready-made trainers:
 * {@link io.privkit.federated.learn.LocalSgd} (the built-in plain-Java models),
 * {@code client.dl4j.Dl4jLocalTrainer} (a DL4J network) and
 * {@code client.tribuo.TribuoLinearLocalTrainer} (a Tribuo linear classifier); any other training
 * is a lambda from the task's global model to a {@link io.privkit.federated.client.LocalUpdate}.
 */
package io.privkit.federated.client;
