package org.mosaiccrm.platform.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

class IdleCheckedPoolTest {

    /** A pooled connection that counts its checks and answers them as told; a failed rollback is how Cayenne's pool retires one. */
    static final class Pooled {
        final String name;
        boolean alive = true;
        int checks;
        int rollbacks;
        final Connection connection;

        Pooled(String name) {
            this.name = name;
            this.connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, args) -> switch (method.getName()) {
                        case "isValid" -> {
                            checks++;
                            yield alive;
                        }
                        case "rollback" -> {
                            rollbacks++;
                            if (!alive) {
                                throw new SQLException("This connection has been closed.");
                            }
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> name;
                        default -> null;
                    });
        }
    }

    /** A pool handing out its connections in turn, as many times as asked. */
    static DataSource pool(Deque<Pooled> handOuts) {
        return (DataSource) Proxy.newProxyInstance(IdleCheckedPoolTest.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        Pooled next = handOuts.poll();
                        if (next == null) {
                            throw new SQLException("no connection");
                        }
                        return next.connection;
                    }
                    return null;
                });
    }

    @Test
    void aConnectionInSteadyUseIsHandedOutUncheckedAndAnIdleOneIsCheckedFirst() throws SQLException {
        Pooled a = new Pooled("a");
        Deque<Pooled> handOuts = new ArrayDeque<>(List.of(a, a, a, a));
        AtomicLong now = new AtomicLong(0);
        IdleCheckedPool pool = new IdleCheckedPool(pool(handOuts), now::get);

        assertSame(a.connection, pool.getConnection());
        assertEquals(1, a.checks, "a connection never seen is checked");
        now.addAndGet(IdleCheckedPool.IDLE_NANOS / 2);
        assertSame(a.connection, pool.getConnection());
        now.addAndGet(IdleCheckedPool.IDLE_NANOS / 2);
        assertSame(a.connection, pool.getConnection());
        assertEquals(1, a.checks, "handed out again within the idle time: no round trip for a check");

        now.addAndGet(IdleCheckedPool.IDLE_NANOS + 1);
        assertSame(a.connection, pool.getConnection());
        assertEquals(2, a.checks, "idle for longer: checked before use");
        assertEquals(0, a.rollbacks);
    }

    @Test
    void aDeadConnectionIsRetiredAndTheNextOneHandedOut() throws SQLException {
        Pooled dead = new Pooled("dead");
        Pooled fresh = new Pooled("fresh");
        AtomicLong now = new AtomicLong(0);
        IdleCheckedPool pool = new IdleCheckedPool(pool(new ArrayDeque<>(List.of(dead, fresh))), now::get);
        dead.alive = false;

        assertSame(fresh.connection, pool.getConnection());
        assertEquals(1, dead.checks);
        assertEquals(1, dead.rollbacks, "the dead connection's failed rollback retires it from Cayenne's pool");
        assertEquals(1, fresh.checks);
    }

    @Test
    void aDatabaseThatAnswersNoCheckIsAnErrorNotAnEndlessLoop() {
        List<Pooled> dead = new ArrayList<>();
        for (int i = 0; i <= DataSources.MAX_CONNECTIONS + 5; i++) {
            Pooled p = new Pooled("dead" + i);
            p.alive = false;
            dead.add(p);
        }
        IdleCheckedPool pool = new IdleCheckedPool(pool(new ArrayDeque<>(dead)), () -> 0);
        SQLException e = assertThrows(SQLException.class, pool::getConnection);
        assertEquals("The database does not answer: no connection of the pool passed its check", e.getMessage());
    }
}
