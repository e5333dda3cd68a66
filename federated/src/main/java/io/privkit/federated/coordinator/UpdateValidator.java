package io.privkit.federated.coordinator;

import io.privkit.federated.ModelSpec;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.transport.proto.DType;
import io.privkit.federated.transport.proto.ObjectRef;
import io.privkit.federated.transport.proto.PushResultRequest;
import io.privkit.federated.transport.proto.TrainResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates a training result before it may be accumulated, in the order {@link UpdatePolicy}
 * documents (the binding checks are done by the {@link Engine} before this runs): names, shapes,
 * element type and byte length; the uploaded object and its digest; finite values (one pass over
 * the spooled bytes, which also yields the L2 norm); the weight bounds; the norm bound. Stateless
 * and thread-safe.
 */
final class UpdateValidator implements Engine.ResultHandler {

    /** An accepted training result. */
    record Accepted(SpooledUpdate update, Map<String, Double> metrics, boolean clipped) {
    }

    private final ModelSpec spec;
    private final TensorEncoding encoding;
    private final UpdatePolicy policy;

    UpdateValidator(ModelSpec spec, TensorEncoding encoding, UpdatePolicy policy) {
        this.spec = spec;
        this.encoding = encoding;
        this.policy = policy;
    }

    static DType dtype(TensorEncoding e) {
        return e == TensorEncoding.FLOAT32_LE ? DType.FLOAT32_LE : DType.FLOAT64_LE;
    }

    /** The wire form of a spec. */
    static List<io.privkit.federated.transport.proto.TensorSpec> wire(ModelSpec spec) {
        return spec.tensors().stream().map(t -> io.privkit.federated.transport.proto.TensorSpec.newBuilder().setName(t.name())
                .addAllShape(t.shape()).build()).toList();
    }

    @Override
    public Object accept(Engine.TaskRecord task, PushResultRequest request) throws Engine.Rejected, IOException {
        if (!request.hasTrain()) {
            throw new Engine.Rejected(RejectionReason.MALFORMED, "a train task must be answered with a train result");
        }
        TrainResult r = request.getTrain();
        ObjectRef u = r.getUpdate();
        List<io.privkit.federated.transport.proto.TensorSpec> got = u.getTensorsList();
        if (got.size() != spec.tensors().size()) {
            throw new Engine.Rejected(RejectionReason.WRONG_NAMES, "update has " + got.size() + " tensors; the model has " + spec.tensors().size());
        }
        for (int i = 0; i < got.size(); i++) {
            TensorSpec want = spec.tensors().get(i);
            if (!got.get(i).getName().equals(want.name())) {
                throw new Engine.Rejected(RejectionReason.WRONG_NAMES, "tensor " + i + " is '" + got.get(i).getName() + "'; the model's is '" + want.name() + "'");
            }
            if (!got.get(i).getShapeList().equals(want.shape())) {
                throw new Engine.Rejected(RejectionReason.WRONG_SHAPE, "tensor '" + want.name() + "' has shape " + got.get(i).getShapeList()
                        + "; the model's is " + want.shape());
            }
        }
        if (u.getDtype() != dtype(encoding)) {
            throw new Engine.Rejected(RejectionReason.WRONG_DTYPE, "update is " + u.getDtype() + "; the task asked for " + dtype(encoding));
        }
        long expected = encoding.byteLength(spec.size());
        if (u.getByteLength() != expected) {
            throw new Engine.Rejected(RejectionReason.WRONG_BYTE_LENGTH, "update declares " + u.getByteLength() + " bytes; "
                    + spec.size() + " " + encoding + " values take " + expected);
        }
        Engine.Upload up = task.upload;
        if (up == null) {
            throw new Engine.Rejected(RejectionReason.MISSING_OBJECT, "no object was uploaded for task " + task.id);
        }
        if (!up.sha256().equals(u.getSha256())) {
            throw new Engine.Rejected(RejectionReason.DIGEST_MISMATCH, "the result references " + u.getSha256() + "; the upload was " + up.sha256());
        }
        SpooledUpdate.Scan scan = SpooledUpdate.scan(up.file(), encoding, spec.size());
        if (scan.firstNonFinite() >= 0) {
            throw new Engine.Rejected(RejectionReason.NON_FINITE, "value " + scan.firstNonFinite() + " (" + locate(scan.firstNonFinite())
                    + ") is NaN or infinite");
        }
        double weight = weight(r.getWeight());
        UpdatePolicy.NormBound nb = policy.normBound();
        double scale = 1;
        boolean clipped = false;
        if (scan.norm() > nb.maxNorm()) {
            if (nb.action() == UpdatePolicy.BoundAction.REJECT) {
                throw new Engine.Rejected(RejectionReason.NORM_BOUND, "L2 norm " + scan.norm() + " exceeds the bound " + nb.maxNorm());
            }
            scale = nb.maxNorm() / scan.norm();
            clipped = true;
        }
        Map<String, Double> metrics = new TreeMap<>();
        r.getMetricsMap().forEach((k, v) -> {
            if (Double.isFinite(v) && k.length() <= 64) {
                metrics.put(k, v);
            }
        });
        return new Accepted(new SpooledUpdate(task.clientId, weight, scan.norm(), scale, up.file(), encoding, spec.size()), metrics, clipped);
    }

    private double weight(double reported) throws Engine.Rejected {
        UpdatePolicy.WeightBound wb = policy.weightBound();
        if (!Double.isFinite(reported) || !(reported > 0)) {
            throw new Engine.Rejected(RejectionReason.WEIGHT_OUT_OF_RANGE, "weight must be finite and > 0; got " + reported);
        }
        if (wb.weighting() == UpdatePolicy.Weighting.UNIFORM) {
            return 1;
        }
        if (reported > wb.maxWeight()) {
            if (wb.action() == UpdatePolicy.BoundAction.REJECT) {
                throw new Engine.Rejected(RejectionReason.WEIGHT_BOUND, "weight " + reported + " exceeds the bound " + wb.maxWeight());
            }
            return wb.maxWeight();
        }
        return reported;
    }

    private String locate(long index) {
        long off = 0;
        for (TensorSpec t : spec.tensors()) {
            if (index < off + t.size()) {
                return "tensor '" + t.name() + "' element " + (index - off);
            }
            off += t.size();
        }
        return "beyond the model";
    }
}
