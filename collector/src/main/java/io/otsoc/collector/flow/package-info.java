/**
 * Flows and streams: the bounded flow table (idle timeout in capture time, least-recently-seen eviction),
 * orientation, Community ID, per-direction TCP reassembly and the guarded binding of one protocol decoder per flow.
 */
package io.otsoc.collector.flow;
