import Models
import Ratings
import Store

/// A failed command: its message (a dataset's `file:line: …`, a database or model file
/// path and what is wrong with it) is printed and the process exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }

    /// Runs a command's work, turning the library errors it can meet into one failure
    /// whose message names the database where the error came from it.
    static func reporting(db: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as SQLiteError {
            throw CommandFailure(message: "\(db): \(error.description)")
        } catch let error as PostgresError {
            throw CommandFailure(message: "\(RatingStores.describe(db)): \(error.description)")
        } catch let error as StoreError {
            throw CommandFailure(message: "\(RatingStores.describe(db)): \(error.description)")
        } catch let error as MatrixFactorizationError {
            throw CommandFailure(message: error.description)
        } catch let error as ModelFileError {
            throw CommandFailure(message: error.description)
        } catch let error as DatasetError {
            throw CommandFailure(message: error.description)
        } catch let error as TransformerError {
            throw CommandFailure(message: error.description)
        }
    }
}
