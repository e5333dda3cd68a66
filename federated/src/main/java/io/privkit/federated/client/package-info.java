/**
 * The client side: {@link io.privkit.federated.client.FederatedClient} connects out to a
 * coordinator and runs the user's {@link io.privkit.federated.client.LocalTrainer} on each round's
 * global model; only updates, example counts and metrics leave the site.
 */
package io.privkit.federated.client;
