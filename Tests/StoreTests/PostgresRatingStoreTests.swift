import Foundation
import Ratings
import Testing
@testable import Store

/// What only the PostgreSQL store has: migrations under concurrent start-up, the
/// retraining lease and model versions shared between processes.
@Suite struct PostgresRatingStoreTests {
    @Test func migrationsRunOnceWhenSeveralServersStartTogether() throws {
        try StoreFixture.with(.postgres) { (fixture) throws in
            let opened = Locked(0)
            let errors = Locked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do {
                    _ = try PostgresRatingStore(location: fixture.location)
                    opened.update { $0 += 1 }
                } catch {
                    errors.update { $0.append(String(describing: error)) }
                }
            }
            #expect(errors.value.isEmpty)
            #expect(opened.value == 6)
            let applied = try PostgresMigrator.appliedMigrations(try PostgresConnection(fixture.location))
            #expect(applied == [1: "create movies, users, ratings, rating_writes", 2: "create model_versions",
                                3: "create forgotten_users, index ratings by movie"])
        }
    }

    @Test func unknownMigrationInDatabaseIsRefused() throws {
        try StoreFixture.with(.postgres) { (fixture) throws in
            try PostgresConnection(fixture.location).execute(
                "INSERT INTO schema_migrations VALUES (99, 'from the future', 0)")
            #expect(throws: StoreError.unknownMigration(version: 99, name: "from the future")) {
                try PostgresRatingStore(location: fixture.location)
            }
        }
    }

    @Test func errorsCarrySQLStateMessageAndSQL() throws {
        try StoreFixture.with(.postgres) { (fixture) throws in
            let connection = try PostgresConnection(fixture.location)
            do {
                try connection.query("SELECT nope FROM nowhere")
                Issue.record("expected an error")
            } catch let error as PostgresError {
                #expect(error.sqlState == "42P01")
                #expect(error.message.contains("nowhere"))
                #expect(error.sql == "SELECT nope FROM nowhere")
            }
        }
    }

    @Test func unreachableServerIsAClearErrorWithoutThePassword() {
        do {
            _ = try PostgresRatingStore(location: "postgres://someone:secret@127.0.0.1:1/none?connect_timeout=2")
            Issue.record("expected an error")
        } catch let error as PostgresError {
            #expect(error.message.contains("cannot connect to postgres://someone:***@127.0.0.1:1/none"))
            #expect(!error.description.contains("secret"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func locationsAreToldApartAndRedacted() {
        #expect(PostgresLocation.isPostgres("postgres://u@h:5432/db"))
        #expect(PostgresLocation.isPostgres("postgresql://u@h/db"))
        #expect(!PostgresLocation.isPostgres("movierec.sqlite"))
        #expect(PostgresLocation.redacted("postgresql://u:pw@h:5432/db") == "postgresql://u:***@h:5432/db")
        #expect(PostgresLocation.redacted("postgres://u@h/db") == "postgres://u@h/db")
        #expect(PostgresLocation.redacted("data/movierec.sqlite") == "data/movierec.sqlite")
    }

    @Test func oneRetrainingLeaseAtATimeReleasedWhenItsHolderDies() throws {
        try StoreFixture.with(.postgres) { (fixture) throws in
            let store = try #require(fixture.store as? PostgresRatingStore)
            let first = PostgresCoordinator(store: store)
            let second = PostgresCoordinator(store: try PostgresRatingStore(location: fixture.location))
            #expect(first.isShared)
            let inner = try first.withRetrainingLease { try second.withRetrainingLease { "second ran" } }
            #expect(inner == .some(nil), "the second server is refused while the first holds the lease")
            #expect(try second.withRetrainingLease { "second ran" } == "second ran", "released after the body")

            // A holder that dies: its session ends, and the server releases the lock.
            var holder: PostgresConnection? = try PostgresConnection(fixture.location)
            _ = try holder?.query("SELECT pg_advisory_lock($1, $2)",
                                  [String(AdvisoryLock.namespace), String(AdvisoryLock.retraining)])
            #expect(try first.withRetrainingLease { true } == nil)
            holder = nil
            #expect(try first.withRetrainingLease { true } == true)
        }
    }

    @Test func theNewestRecordedModelIsOneRead() throws {
        try StoreFixture.with(.postgres) { (fixture) throws in
            let store = try #require(fixture.store as? PostgresRatingStore)
            let coordinator = PostgresCoordinator(store: store)
            #expect(try coordinator.latestModel() == nil)
            let first = try coordinator.recordModel(file: "a.safetensors", storeSequence: 3, createdAt: 100)
            let second = try coordinator.recordModel(file: "b.safetensors", storeSequence: 5, createdAt: 90)
            #expect(second > first)
            let seenElsewhere = PostgresCoordinator(store: try PostgresRatingStore(location: fixture.location))
            #expect(try seenElsewhere.latestModel() == ModelVersion(id: second, file: "b.safetensors", storeSequence: 5, createdAt: 90))
        }
    }

    @Test func theFactoryPicksTheBackendByLocation() throws {
        let temp = try TempDatabase()
        let sqlite = try RatingStores.open(temp.path)
        #expect(sqlite is SQLiteRatingStore)
        #expect(!RatingStores.coordinator(for: sqlite).isShared)
        #expect(try RatingStores.coordinator(for: sqlite).withRetrainingLease { 1 } == 1)
        #expect(RatingStores.exists("postgres://u@h/db"))
        #expect(!RatingStores.exists(temp.directory + "/missing.sqlite"))
        try StoreFixture.with(.postgres) { (fixture) throws in
            #expect(fixture.store is PostgresRatingStore)
            #expect(RatingStores.coordinator(for: fixture.store).isShared)
        }
    }
}
