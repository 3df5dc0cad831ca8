extension SQLiteRatingStore {
    public func ratingCountsByMovie() throws -> [Int64: Int] {
        try read { db in
            let query = try db.statement("SELECT movie, COUNT(*) FROM ratings GROUP BY movie")
            defer { query.reset() }
            var counts: [Int64: Int] = [:]
            while try query.step() { counts[query.int64(0)] = Int(query.int64(1)) }
            return counts
        }
    }
}
