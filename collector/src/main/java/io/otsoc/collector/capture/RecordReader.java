package io.otsoc.collector.capture;

/** Walks the records of one capture format, handing out frames as views into the input's buffer. */
sealed interface RecordReader permits ClassicPcapReader, PcapngReader {

    /** The largest captured length accepted, as libpcap's MAXIMUM_SNAPLEN; anything above is a corrupt record. */
    int MAX_CAPTURED_LENGTH = 262_144;

    /**
     * Points the frame at the next deliverable record.
     *
     * @return false at the end of the file, or when a truncated or corrupt record stopped the reading (a warning
     * was added then); every later call returns false too
     */
    boolean next(Frame frame, long number);

    /** Adds the warnings that can only be written at the end, e.g. how many frames were skipped. */
    void finish();
}
