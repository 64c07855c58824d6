package org.consortiumhub.ill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WriteBatchTest {

    @Test
    void oneWriteIsSentAsItIs() {
        WriteBatch batch = new WriteBatch().add("delete from ill_timer where request_id = $1", 7L);
        assertEquals("delete from ill_timer where request_id = $1", batch.sql());
    }

    @Test
    void severalWritesBecomePartsOfOneStatementWithTheirParametersNumberedOn() {
        WriteBatch batch = new WriteBatch()
                .add("update ill_request set state = $2 where id = $1", 7L, "SHIPPED")
                .add("insert into ill_timer (request_id, kind) values ($1, $2)", 7L, "OVERDUE")
                .add("delete from ill_loan_out where request_id = $1 and lender_id = $2 or request_id = $1", 7L, 3L);
        assertEquals("with w0 as (update ill_request set state = $2 where id = $1),"
                + " w1 as (insert into ill_timer (request_id, kind) values ($3, $4)),"
                + " w2 as (delete from ill_loan_out where request_id = $5 and lender_id = $6 or request_id = $5) select 1",
                batch.sql());
    }

    @Test
    void aParameterWithoutAValueIsRefusedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WriteBatch().add("update ill_request set state = $2 where id = $1", 7L));
        assertTrue(e.getMessage().contains("$2 has no value (1 given)"), e.getMessage());
    }

    @Test
    void anEmptyBatchSendsNothing() {
        assertTrue(new WriteBatch().isEmpty());
        assertEquals(null, new WriteBatch().send(null).await().indefinitely());
    }
}
