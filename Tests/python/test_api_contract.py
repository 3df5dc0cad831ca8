"""The live server's answers against openapi.yaml: every documented endpoint and
error, on real MovieLens 100k, each response checked against its schema."""
import json

import pytest

from contract import check, request


def test_predict_known_pair_by_each_model(server):
    status, headers, body = request(server, "GET", "/predict?user=196&movie=242")
    answer = check("/predict", "GET", status, headers, body)
    assert status == 200 and answer["model"] == "transformer" and answer["cold_start"] is None
    assert 0.5 <= answer["rating"] <= 5
    status, headers, body = request(server, "GET", "/predict?user=196&movie=242&model=mf")
    answer = check("/predict", "GET", status, headers, body)
    assert answer["model"] == "mf" and 0.5 <= answer["rating"] <= 5


def test_forcing_the_transformer_for_an_unknown_user_is_422(server):
    status, headers, body = request(server, "GET", "/predict?user=999999&movie=50&model=transformer")
    assert status == 422
    assert check("/predict", "GET", status, headers, body)["error"]["code"] == "transformer_unavailable"


def test_predict_cold_start_user(server):
    status, headers, body = request(server, "GET", "/predict?user=999999&movie=50")
    answer = check("/predict", "GET", status, headers, body)
    assert answer["cold_start"] == "user"


@pytest.mark.parametrize("query,status", [
    ("user=1&movie=999999", 404), ("user=1", 400), ("user=x&movie=1", 400), ("user=1&movie=1&model=svd", 400)])
def test_predict_errors(server, query, status):
    got, headers, body = request(server, "GET", "/predict?" + query)
    assert got == status
    check("/predict", "GET", got, headers, body)


def test_recommendations_exclude_rated_movies(server, database):
    status, headers, body = request(server, "GET", "/recommendations/1?k=20")
    answer = check("/recommendations/{user}", "GET", status, headers, body)
    # The shipped file records EASE as its best ranker on validation.
    assert len(answer["items"]) == 20 and answer["cold_start"] is False and answer["model"] == "ease"
    import sqlite3
    rated = {row[0] for row in sqlite3.connect(database).execute("SELECT movie FROM ratings WHERE user = 1")}
    assert not rated & {item["movie"] for item in answer["items"]}
    scores = [item["score"] for item in answer["items"]]
    assert scores == sorted(scores, reverse=True)


def test_recommendations_for_unknown_user_are_popular_movies(server):
    status, headers, body = request(server, "GET", "/recommendations/999999?k=5")
    answer = check("/recommendations/{user}", "GET", status, headers, body)
    assert answer["cold_start"] is True and len(answer["items"]) == 5 and answer["model"] == "most_rated"


@pytest.mark.parametrize("model", ["mf", "ials", "ease", "transformer", "most_rated"])
def test_recommendations_from_each_model(server, model):
    status, headers, body = request(server, "GET", f"/recommendations/1?k=5&model={model}")
    answer = check("/recommendations/{user}", "GET", status, headers, body)
    assert answer["model"] == model and len(answer["items"]) == 5


def test_similar_from_a_model_without_item_vectors_is_422(server):
    status, headers, body = request(server, "GET", "/similar/50?model=most_rated")
    assert status == 422 and check("/similar/{movie}", "GET", status, headers, body)["error"]["code"] == "model_unavailable"


def test_similar(server):
    status, headers, body = request(server, "GET", "/similar/50?k=5")
    answer = check("/similar/{movie}", "GET", status, headers, body)
    assert len(answer["items"]) == 5 and all(item["movie"] != 50 for item in answer["items"])
    status, headers, body = request(server, "GET", "/similar/999999")
    assert status == 404
    check("/similar/{movie}", "GET", status, headers, body)


def test_post_ratings_then_they_are_excluded(server):
    status, headers, body = request(server, "GET", "/recommendations/2?k=1")
    top = check("/recommendations/{user}", "GET", status, headers, body)["items"][0]["movie"]
    status, headers, body = request(server, "POST", "/ratings", json.dumps({"user": 2, "movie": top, "rating": 4.5}))
    assert status == 201
    assert check("/ratings", "POST", status, headers, body) == {"stored": 1, "unchanged": 0}
    status, headers, body = request(server, "GET", "/recommendations/2?k=5")
    assert top not in {item["movie"] for item in check("/recommendations/{user}", "GET", status, headers, body)["items"]}


@pytest.mark.parametrize("body,content_type,status", [
    ('{"user":1,"movie":1,"rating":7}', "application/json", 422),
    ('[{"user":1,"movie":1,"rating":4},{"user":1,"movie":999999,"rating":4}]', "application/json", 422),
    ('{"user":1,', "application/json", 400),
    ('{"user":1,"movie":1,"rating":4}', "text/plain", 415),
])
def test_post_ratings_errors(server, body, content_type, status):
    got, headers, answer = request(server, "POST", "/ratings", body, content_type)
    assert got == status
    check("/ratings", "POST", got, headers, answer)


def test_method_not_allowed_names_allowed_methods(server):
    status, headers, body = request(server, "DELETE", "/predict?user=1&movie=1")
    assert status == 405 and "GET" in headers["Allow"]
    check("/predict", "GET", status, headers, body)


def test_health_and_metrics(server):
    status, headers, body = request(server, "GET", "/health")
    health = check("/health", "GET", status, headers, body)
    assert health["ratings_stored"] >= 100000 and "mf" in health["model"]["kinds"]
    status, headers, body = request(server, "GET", "/metrics")
    text = check("/metrics", "GET", status, headers, body)
    assert "movierec_http_requests_total{" in text and "movierec_ratings_stored " in text
