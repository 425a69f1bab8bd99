package io.streamlytics.devstack.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one shared, lazily started service of type {@code T} into test constructors and methods.
 */
abstract class ServiceExtension<T extends AutoCloseable> implements ParameterResolver {
    private final Class<T> type;

    ServiceExtension(Class<T> type) {
        this.type = type;
    }

    abstract T start(Path workDir);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedService.get(context, type, () -> start(workDir(type.getSimpleName())));
    }

    private static Path workDir(String name) {
        try {
            Path base = Path.of("target", "devstack");
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), name.toLowerCase() + "-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
