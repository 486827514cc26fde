package io.mailbridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** mailbridge's version and the Camel version it was built with, written into the jar by the build. */
final class Version {

    private static final String RESOURCE = "version.properties";

    private Version() {
    }

    static String text() {
        Properties versions = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: build with Maven");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return "mailbridge " + versions.getProperty("mailbridge") + " (Apache Camel " + versions.getProperty("camel")
                + ", Java " + Runtime.version() + ")";
    }
}
