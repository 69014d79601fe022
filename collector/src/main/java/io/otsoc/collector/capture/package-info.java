/**
 * Where frames come from. {@link io.otsoc.collector.capture.PcapFileSource} reads one PCAP or PCAPNG file in
 * plain Java, handing out every frame as a view into one reusable buffer (checked frame by frame against
 * libpcap on every shared capture); {@link io.otsoc.collector.capture.CaptureFiles} opens files and directories
 * as one {@link io.otsoc.collector.capture.CaptureSetSource} read in time order;
 * {@link io.otsoc.collector.capture.LiveCaptureSource} listens on an interface through libpcap (pcap4j) and
 * never transmits. {@link io.otsoc.collector.capture.CaptureReadBench} measures the two file readers.
 */
package io.otsoc.collector.capture;
