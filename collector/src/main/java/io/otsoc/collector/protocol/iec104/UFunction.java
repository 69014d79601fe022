package io.otsoc.collector.protocol.iec104;

/** The unnumbered control functions of IEC 60870-5-104 section 5.3: one bit set in the first control octet. */
enum UFunction {
    STARTDT_ACT(0x07), STARTDT_CON(0x0B), STOPDT_ACT(0x13), STOPDT_CON(0x23), TESTFR_ACT(0x43), TESTFR_CON(0x83);

    final int code;

    UFunction(int code) {
        this.code = code;
    }

    static UFunction of(int firstControlOctet) {
        for (UFunction f : values()) {
            if (f.code == firstControlOctet) {
                return f;
            }
        }
        return null;
    }

    String action() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    boolean isActivation() {
        return this == STARTDT_ACT || this == STOPDT_ACT || this == TESTFR_ACT;
    }

    /** The activation a confirmation answers (itself for an activation). */
    UFunction activation() {
        return switch (this) {
            case STARTDT_CON -> STARTDT_ACT;
            case STOPDT_CON -> STOPDT_ACT;
            case TESTFR_CON -> TESTFR_ACT;
            default -> this;
        };
    }
}
