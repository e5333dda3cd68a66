package io.privkit.dp.sgd.dl4j;

import io.privkit.common.AtomicFiles;
import io.privkit.dp.sgd.DpSgdRunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A DP-SGD checkpoint of a {@link MultiLayerNetwork}: the network with its updater state
 * ({@code network.zip}, DL4J's {@link ModelSerializer} format) and the run's privacy state
 * ({@link DpSgdRunState#FILE_NAME}), written together into a fresh folder that then replaces the
 * old one, so a crash never leaves a model without its matching privacy state.
 */
final class NetworkCheckpoint {
    static final String NETWORK_FILE = "network.zip";

    private NetworkCheckpoint() {
    }

    record Loaded(MultiLayerNetwork network, DpSgdRunState state) {
    }

    static void save(Path directory, MultiLayerNetwork network, DpSgdRunState state) throws IOException {
        AtomicFiles.replaceDirectory(directory, tmp -> {
            ModelSerializer.writeModel(network, tmp.resolve(NETWORK_FILE).toFile(), true);
            state.write(tmp.resolve(DpSgdRunState.FILE_NAME));
        });
    }

    static Loaded load(Path directory) throws IOException {
        Path file = directory.resolve(NETWORK_FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "no checkpointed network here; resume from the folder given to DpSgdOptions.Checkpoints");
        }
        DpSgdRunState state = DpSgdRunState.read(directory.resolve(DpSgdRunState.FILE_NAME));
        MultiLayerNetwork network = MultiLayerNetwork.load(file.toFile(), true);
        return new Loaded(network, state);
    }
}
