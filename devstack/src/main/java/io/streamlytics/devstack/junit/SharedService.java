package io.streamlytics.devstack.junit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a service once per test JVM and stops it when the whole test run ends: JUnit closes
 * resources kept in the root context's store after the last test class.
 */
final class SharedService {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedService.class);

    private SharedService() {}

    static <T extends AutoCloseable> T get(
            ExtensionContext context, Class<T> type, Supplier<T> starter) {
        Holder<?> holder =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                type, key -> new Holder<>(starter.get()), Holder.class);
        return type.cast(holder.service);
    }

    private record Holder<T extends AutoCloseable>(T service)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            service.close();
        }
    }
}
