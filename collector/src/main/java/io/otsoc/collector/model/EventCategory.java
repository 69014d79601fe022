package io.otsoc.collector.model;

/** What an OT operation does to the process, in the terms an OT engineer uses. */
public enum EventCategory {
    READ, WRITE, CONTROL, PROGRAM, DIAGNOSTIC, DISCOVERY, AUTH, OTHER
}
