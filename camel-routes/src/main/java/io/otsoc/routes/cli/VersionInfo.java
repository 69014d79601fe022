package io.otsoc.routes.cli;

import org.apache.camel.CamelContext;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code otsoc --version}: the project version (filled in by the build), the Java and Camel versions. */
public final class VersionInfo implements IVersionProvider {

    static final String RESOURCE = "/io/otsoc/routes/cli/version.properties";

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public String[] getVersion() {
        String camel = CamelContext.class.getPackage().getImplementationVersion();
        return new String[]{
                "otsoc " + version(),
                "Java " + System.getProperty("java.version") + ", Apache Camel " + (camel == null ? "unknown" : camel)
        };
    }
}
