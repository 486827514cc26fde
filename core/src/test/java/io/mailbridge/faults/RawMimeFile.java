package io.mailbridge.faults;

import java.io.File;

/** The raw MIME spool file named by header {@code MailRawMime}, as a body the file component copies (test routes). */
public final class RawMimeFile {

    private RawMimeFile() {
    }

    public static File of(String path) {
        return new File(path);
    }
}
