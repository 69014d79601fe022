package io.otsoc.routes.pipeline;

import java.time.Duration;

/**
 * How far a run is, sampled about once a second.
 *
 * @param elapsed   since the run started
 * @param frames    frames read
 * @param records   domain records (events, assets, alerts) mapped and on their way to the sinks
 */
public record Progress(Duration elapsed, long frames, long records) {
}
