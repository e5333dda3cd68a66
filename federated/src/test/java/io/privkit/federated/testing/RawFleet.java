package io.privkit.federated.testing;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.privkit.common.Sha256;
import io.privkit.federated.transport.ClientIdentity;
import io.privkit.federated.transport.Protocol;
import io.privkit.federated.transport.TransportSecurity;
import io.privkit.federated.transport.proto.FleetGrpc;
import io.privkit.federated.transport.proto.ObjectHeader;
import io.privkit.federated.transport.proto.PullTaskRequest;
import io.privkit.federated.transport.proto.PullTaskResponse;
import io.privkit.federated.transport.proto.PushObjectMessage;
import io.privkit.federated.transport.proto.PushObjectResponse;
import io.privkit.federated.transport.proto.RegisterRequest;
import io.privkit.federated.transport.proto.RegisterResponse;
import io.privkit.federated.transport.proto.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A hand-driven client for protocol tests: raw stubs, no validation of its own, able to misbehave. */
public final class RawFleet implements AutoCloseable {
    public final ManagedChannel channel;
    public final FleetGrpc.FleetBlockingStub blocking;
    public final FleetGrpc.FleetStub async;
    public String runId;

    public RawFleet(int port, TransportSecurity security, String plaintextIdentity) {
        channel = NettyChannelBuilder.forTarget("localhost:" + port, security.channelCredentials()).build();
        FleetGrpc.FleetBlockingStub b = FleetGrpc.newBlockingStub(channel);
        FleetGrpc.FleetStub a = FleetGrpc.newStub(channel);
        if (plaintextIdentity != null) {
            Metadata md = new Metadata();
            md.put(Metadata.Key.of(ClientIdentity.PLAINTEXT_HEADER, Metadata.ASCII_STRING_MARSHALLER), plaintextIdentity);
            b = b.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
            a = a.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
        }
        blocking = b.withDeadlineAfter(60, TimeUnit.SECONDS);
        async = a;
    }

    public RegisterResponse register() {
        RegisterResponse r = blocking.register(RegisterRequest.newBuilder().setProtocolVersion(Protocol.VERSION).build());
        runId = r.getRunId();
        return r;
    }

    /** Pulls until a task arrives. */
    public Task pullTask() {
        while (true) {
            PullTaskResponse r = blocking.pullTask(PullTaskRequest.newBuilder().setRunId(runId).build());
            if (r.hasTask()) {
                return r.getTask();
            }
            if (r.hasFinished()) {
                throw new IllegalStateException("run finished");
            }
        }
    }

    /** Uploads bytes with the given header fields; returns the error (or null when accepted). */
    public Throwable upload(String taskId, byte[] bytes, long declaredLength, String declaredSha, int chunk) {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        StreamObserver<PushObjectMessage> up = async.pushObject(new StreamObserver<>() {
            @Override
            public void onNext(PushObjectResponse value) {
            }

            @Override
            public void onError(Throwable t) {
                done.complete(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        up.onNext(PushObjectMessage.newBuilder().setHeader(ObjectHeader.newBuilder().setTaskId(taskId).setSha256(declaredSha)
                .setByteLength(declaredLength)).build());
        for (int off = 0; off < bytes.length && !done.isDone(); off += chunk) {
            up.onNext(PushObjectMessage.newBuilder().setChunk(ByteString.copyFrom(bytes, off, Math.min(chunk, bytes.length - off))).build());
        }
        up.onCompleted();
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Throwable upload(String taskId, byte[] bytes) {
        return upload(taskId, bytes, bytes.length, Sha256.of(bytes).hex(), 1 << 16);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
