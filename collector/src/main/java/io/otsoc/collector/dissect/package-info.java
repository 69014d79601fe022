/**
 * Frame dissection without copying: link layers (Ethernet with VLAN/QinQ and LLC/SNAP, NULL/loopback, Linux
 * cooked v1/v2, raw IP), IPv4 and IPv6 (extension headers, bounded fragment reassembly), TCP and UDP headers,
 * into one reusable {@link io.otsoc.collector.dissect.Packet}. Bad headers are counted per
 * {@link io.otsoc.collector.dissect.SkipReason}, never thrown.
 */
package io.otsoc.collector.dissect;
