package io.otsoc.routes.delivery;

import java.util.List;

/**
 * What a sink did with a batch.
 *
 * @param delivered documents the destination accepted
 * @param rejected  one line per rejected document: index, reason
 */
public record DeliveryResult(int delivered, List<String> rejected) {

    public DeliveryResult {
        rejected = List.copyOf(rejected);
    }

    public static DeliveryResult allDelivered(int count) {
        return new DeliveryResult(count, List.of());
    }
}
