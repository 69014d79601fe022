/** The devices seen on the wire, their addresses and the roles their traffic shows. */
package io.otsoc.collector.asset;
