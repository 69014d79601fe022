package io.otsoc.collector.capture;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The one-line messages shared by the capture file readers. */
final class CaptureProblems {

    private CaptureProblems() {
    }

    /** Why a record could not be completed: the file ends inside it, or reading it failed. */
    static String endedEarly(String name, CaptureInput input, long record, long offset, int needed) {
        IOException failure = input.failure();
        if (failure != null) {
            return name + ": read error in record " + record + " at byte offset " + offset + ": " + reason(failure);
        }
        return name + ": truncated in record " + record + " at byte offset " + offset
                + " (record needs " + needed + " bytes, " + input.available() + " present)";
    }

    /** A short reason for an I/O failure, without the stack of wrapped exception names. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The first bytes of a file as {@code 0x...}, to show what it is when it is not a capture. */
    static String leadingBytes(byte[] buffer, int offset, int count) {
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < count; i++) {
            int b = buffer[offset + i] & 0xFF;
            hex.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
