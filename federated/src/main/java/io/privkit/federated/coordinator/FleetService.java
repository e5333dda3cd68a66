package io.privkit.federated.coordinator;

import io.grpc.stub.StreamObserver;
import io.privkit.federated.transport.ClientIdentity;
import io.privkit.federated.transport.proto.FleetGrpc;
import io.privkit.federated.transport.proto.GetObjectRequest;
import io.privkit.federated.transport.proto.HeartbeatRequest;
import io.privkit.federated.transport.proto.HeartbeatResponse;
import io.privkit.federated.transport.proto.ObjectChunk;
import io.privkit.federated.transport.proto.PullTaskRequest;
import io.privkit.federated.transport.proto.PullTaskResponse;
import io.privkit.federated.transport.proto.PushObjectMessage;
import io.privkit.federated.transport.proto.PushObjectResponse;
import io.privkit.federated.transport.proto.PushResultRequest;
import io.privkit.federated.transport.proto.PushResultResponse;
import io.privkit.federated.transport.proto.RegisterRequest;
import io.privkit.federated.transport.proto.RegisterResponse;

/** The gRPC face of the {@link Engine}: every handler reads the caller's authenticated identity first. */
final class FleetService extends FleetGrpc.FleetImplBase {
    private final Engine engine;

    FleetService(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<RegisterResponse> out) {
        unary(out, () -> engine.register(ClientIdentity.current(), request));
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> out) {
        unary(out, () -> engine.heartbeat(ClientIdentity.current(), request));
    }

    @Override
    public void pullTask(PullTaskRequest request, StreamObserver<PullTaskResponse> out) {
        engine.pull(ClientIdentity.current(), request, out);
    }

    @Override
    public void getObject(GetObjectRequest request, StreamObserver<ObjectChunk> out) {
        engine.getObject(ClientIdentity.current(), request, out);
    }

    @Override
    public StreamObserver<PushObjectMessage> pushObject(StreamObserver<PushObjectResponse> out) {
        return engine.pushObject(ClientIdentity.current(), out);
    }

    @Override
    public void pushResult(PushResultRequest request, StreamObserver<PushResultResponse> out) {
        unary(out, () -> engine.pushResult(ClientIdentity.current(), request));
    }

    /** Runs a unary handler, turning a status exception into the call's status (not UNKNOWN). */
    private static <T> void unary(StreamObserver<T> out, java.util.function.Supplier<T> handler) {
        T value;
        try {
            value = handler.get();
        } catch (io.grpc.StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        out.onNext(value);
        out.onCompleted();
    }
}
