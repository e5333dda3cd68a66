/**
 * Local training with Tribuo: {@link io.privkit.federated.client.tribuo.FeatureSpace} fixes the
 * feature names and label order every party uses (the model's layout) and exports a global model as
 * Tribuo's own {@code LinearSGDModel};
 * {@link io.privkit.federated.client.tribuo.TribuoLinearLocalTrainer} trains a linear classifier
 * on a site's Tribuo {@code Dataset}, warm-started from the global model, with Tribuo's objectives
 * and optimisers.
 *
 * <p>Needs {@code org.tribuo:tribuo-classification-sgd} on the class path; the federated module
 * declares it optional.
 */
package io.privkit.federated.client.tribuo;
