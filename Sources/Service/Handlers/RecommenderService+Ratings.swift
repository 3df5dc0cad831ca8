import HTTP
import Ratings

extension RecommenderService {
    /// `POST /ratings`: one rating object or an array, validated whole, then committed in
    /// one transaction before the 201 — an acknowledged rating is on disk. The answer counts the
    /// rows the write changed (`stored`) apart from those it left as they were (`unchanged`: the
    /// store already holds this rating, or a newer one, which wins), so a client learns when its
    /// correction did not take.
    func postRatings(_ request: HTTPRequest) throws -> HTTPResponse {
        let json = try request.jsonBody()
        let ratings: [Rating]
        do {
            ratings = try RatingPayload.ratings(from: json, now: now(), futureTolerance: futureTimestampTolerance)
        } catch let error as RatingPayloadError {
            throw HTTPError(status: .unprocessableContent, code: "invalid_rating", message: error.description)
        }
        for (index, rating) in ratings.enumerated() where try catalogueMovie(rating.movie) == nil {
            let place = ratings.count == 1 && json.typeName == "object" ? "the rating" : "item \(index)"
            throw HTTPError(status: .unprocessableContent, code: "unknown_movie",
                            message: "\(place), field 'movie': movie \(rating.movie) is not in the catalogue")
        }
        let summary = try storeWrite { try store.add(ratings) }
        live.foldIn?.invalidate(users: Set(ratings.map(\.user)))
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("stored", summary.changed)
        writer.field("unchanged", summary.unchanged)
        writer.endObject()
        return .json(bytes: writer.bytes, status: .created)
    }
}
