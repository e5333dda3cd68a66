package io.privkit.dp.sgd.dl4j;

import io.privkit.common.AtomicFiles;
import io.privkit.dp.sgd.DpSgdRunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A DP-SGD checkpoint of a {@link MultiLayerNetwork} or {@link ComputationGraph}: the model with its
 * updater state ({@code network.zip} or {@code graph.zip}, DL4J's {@link ModelSerializer} format) and the run's privacy state
 * ({@link DpSgdRunState#FILE_NAME}), written together into a fresh folder that then replaces the
 * old one, so a crash never leaves a model without its matching privacy state.
 */
final class NetworkCheckpoint {
    static final String NETWORK_FILE = "network.zip";
    static final String GRAPH_FILE = "graph.zip";

    private NetworkCheckpoint() {
    }

    record Loaded(Model model, DpSgdRunState state) {
    }

    static void save(Path directory, Model model, DpSgdRunState state) throws IOException {
        AtomicFiles.replaceDirectory(directory, tmp -> {
            ModelSerializer.writeModel(model, tmp.resolve(model instanceof MultiLayerNetwork ? NETWORK_FILE : GRAPH_FILE).toFile(), true);
            state.write(tmp.resolve(DpSgdRunState.FILE_NAME));
        });
    }

    static Loaded load(Path directory) throws IOException {
        Path network = directory.resolve(NETWORK_FILE);
        Path graph = directory.resolve(GRAPH_FILE);
        if (!Files.isRegularFile(network) && !Files.isRegularFile(graph)) {
            throw new NoSuchFileException(network.toString(), null,
                    "no checkpointed network or graph here; resume from the folder given to DpSgdOptions.Checkpoints");
        }
        DpSgdRunState state = DpSgdRunState.read(directory.resolve(DpSgdRunState.FILE_NAME));
        Model model = Files.isRegularFile(network) ? MultiLayerNetwork.load(network.toFile(), true)
                : ComputationGraph.load(graph.toFile(), true);
        return new Loaded(model, state);
    }
}
