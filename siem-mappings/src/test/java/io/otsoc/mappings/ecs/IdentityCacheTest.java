package io.otsoc.mappings.ecs;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityCacheTest {

    @Test
    void computesOncePerKeyEvenWhenHundredsOfKeysAreInUse() {
        IdentityCache<Object, String> cache = new IdentityCache<>(4096);
        AtomicInteger computed = new AtomicInteger();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add(new Object());
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < keys.size(); i++) {
                int index = i;
                assertEquals("v" + i, cache.get(keys.get(i), k -> {
                    computed.incrementAndGet();
                    return "v" + index;
                }));
            }
        }
        assertEquals(500, computed.get(), "each key computed once, none evicted by a colliding one");
        assertEquals(500, cache.size());
    }

    @Test
    void comparesByIdentityNotEquality() {
        IdentityCache<String, String> cache = new IdentityCache<>(16);
        String a = new String("field");
        String b = new String("field");
        cache.get(a, k -> "first");
        assertEquals("second", cache.get(b, k -> "second"));
        assertEquals("first", cache.get(a, k -> "never"));
    }

    @Test
    void startsAgainWhenFullSoMemoryStaysBounded() {
        IdentityCache<Object, Object> cache = new IdentityCache<>(100);
        for (int i = 0; i < 10_000; i++) {
            Object key = new Object();
            assertSame(key, cache.get(key, k -> k));
            assertTrue(cache.size() <= 100, "size " + cache.size());
        }
    }

    @Test
    void keepsNullValues() {
        IdentityCache<Object, Object> cache = new IdentityCache<>(8);
        Object key = new Object();
        AtomicInteger computed = new AtomicInteger();
        cache.get(key, k -> {
            computed.incrementAndGet();
            return null;
        });
        cache.get(key, k -> {
            computed.incrementAndGet();
            return null;
        });
        assertEquals(1, computed.get());
    }

    @Test
    void refusesAZeroBound() {
        assertThrows(IllegalArgumentException.class, () -> new IdentityCache<>(0));
    }
}
