package org.vigie.store;

import static org.vigie.store.Tables.Accounts.CREATED_AT;
import static org.vigie.store.Tables.Accounts.DISABLED;
import static org.vigie.store.Tables.Accounts.NAME;
import static org.vigie.store.Tables.Accounts.PASSWORD_HASH;
import static org.vigie.store.Tables.Accounts.ROLE;
import static org.vigie.store.Tables.Accounts.TABLE;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record5;
import java.time.Instant;

/** Local accounts. Names are unique; every write is one committed statement. */
public final class AccountRepository {
    private final DSLContext db;

    AccountRepository(DSLContext db) {
        this.db = db;
    }

    /** @return false (nothing written) when an account already has that name */
    public boolean create(Account a) {
        return db.insertInto(TABLE).set(NAME, a.name()).set(PASSWORD_HASH, a.passwordHash()).set(ROLE, a.role())
                .set(CREATED_AT, a.createdAt()).set(DISABLED, a.disabled() ? 1 : 0)
                .onConflict(NAME).doNothing().execute() == 1;
    }

    public Optional<Account> find(String name) {
        return select().where(NAME.eq(name)).fetchOptional(AccountRepository::account);
    }

    /** Every account, by name. */
    public List<Account> list() {
        return select().orderBy(NAME).fetch(AccountRepository::account);
    }

    public long count() {
        return db.fetchCount(TABLE);
    }

    /** @return false when there is no such account */
    public boolean update(Account a) {
        return db.update(TABLE).set(PASSWORD_HASH, a.passwordHash()).set(ROLE, a.role())
                .set(DISABLED, a.disabled() ? 1 : 0).where(NAME.eq(a.name())).execute() == 1;
    }

    /** @return false when there is no such account */
    public boolean delete(String name) {
        return db.deleteFrom(TABLE).where(NAME.eq(name)).execute() == 1;
    }

    private org.jooq.SelectJoinStep<Record5<String, String, String, Instant, Integer>> select() {
        return db.select(NAME, PASSWORD_HASH, ROLE, CREATED_AT, DISABLED).from(TABLE);
    }

    private static Account account(Record5<String, String, String, Instant, Integer> r) {
        return new Account(r.value1(), r.value2(), r.value3(), r.value4(), r.value5() != 0);
    }
}
