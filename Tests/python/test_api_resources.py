"""Users, movies, filters, pages, explanations, batches and the index over a live socket, on
MovieLens 100k in SQLite and in PostgreSQL alike, every answer checked against openapi.yaml.
Each store gets a server of its own, since these tests add movies and forget users."""
import json
import subprocess

import pytest
import yaml

from conftest import ROOT, start_server, stop_server
from contract import check, request


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, movierec_bin, ml100k, database, model_file, tmp_path_factory):
    """(url, store kind) of a server on a store of its own."""
    if request.param == "sqlite":
        db = tmp_path_factory.mktemp("resources") / "store.sqlite"
        subprocess.run(["cp", str(database), str(db)], check=True)
    else:
        url, psql = request.getfixturevalue("postgres")
        subprocess.run([psql, url, "-c", "CREATE DATABASE resources"], check=True, capture_output=True)
        db = url.rsplit("/", 1)[0] + "/resources"
        subprocess.run([movierec_bin, "import", str(ml100k), "--db", db], check=True, capture_output=True)
    process, url = start_server(movierec_bin, db, model_file)
    yield url, request.param
    stop_server(process)


def call(base, method, path, body=None, template=None):
    status, headers, raw = request(base, method, path, None if body is None else json.dumps(body))
    if status == 204:
        assert raw == b""
        return status, None
    return status, check(template or path.split("?")[0], method, status, headers, raw)


def test_a_users_ratings_newest_first_with_titles_in_pages(live):
    url, _ = live
    status, first = call(url, "GET", "/users/196/ratings?limit=5", template="/users/{user}/ratings")
    assert status == 200 and first["total"] == 39 and len(first["items"]) == 5
    times = [item["timestamp"] for item in first["items"]]
    assert times == sorted(times, reverse=True)
    assert all(item["title"] for item in first["items"])
    seen = [item["movie"] for item in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        status, page = call(url, "GET", f"/users/196/ratings?limit=7&cursor={cursor}", template="/users/{user}/ratings")
        assert status == 200
        seen += [item["movie"] for item in page["items"]]
        cursor = page.get("next_cursor")
    assert len(seen) == len(set(seen)) == 39
    status, _ = call(url, "GET", "/users/987654321/ratings", template="/users/{user}/ratings")
    assert status == 404


def test_title_search_and_a_movie_with_its_rating_statistics(live):
    url, _ = live
    status, found = call(url, "GET", "/movies?q=star%20wars")
    assert status == 200 and found["items"][0]["movie"] == 50 and found["items"][0]["title"] == "Star Wars"
    status, godfather = call(url, "GET", "/movies?q=the%20godfather&limit=1")
    assert godfather["items"][0]["title"] == "Godfather, The"
    status, movie = call(url, "GET", "/movies/50", template="/movies/{movie}")
    assert status == 200 and movie["year"] == 1977 and "Sci-Fi" in movie["genres"]
    assert movie["ratings"]["count"] >= 583 and 4.3 < movie["ratings"]["mean"] < 4.4
    status, error = call(url, "GET", "/movies?genre=Western,Nope")
    assert status == 422 and error["error"]["code"] == "unknown_genre" and "Documentary" in error["error"]["message"]


def test_filters_apply_before_the_top_k_and_pages_do_not_repeat(live):
    url, _ = live
    status, docs = call(url, "GET", "/recommendations/196?k=10&genre=Documentary", template="/recommendations/{user}")
    assert status == 200 and len(docs["items"]) == 10
    for item in docs["items"]:
        _, movie = call(url, "GET", f"/movies/{item['movie']}", template="/movies/{movie}")
        assert "Documentary" in movie["genres"]
    status, first = call(url, "GET", "/recommendations/196?k=10", template="/recommendations/{user}")
    status, second = call(url, "GET", f"/recommendations/196?k=10&cursor={first['next_cursor']}", template="/recommendations/{user}")
    status, twenty = call(url, "GET", "/recommendations/196?k=20", template="/recommendations/{user}")
    assert [i["movie"] for i in first["items"] + second["items"]] == [i["movie"] for i in twenty["items"]]
    excluded = ",".join(str(i["movie"]) for i in first["items"])
    status, without = call(url, "GET", f"/recommendations/196?k=10&exclude={excluded}", template="/recommendations/{user}")
    assert [i["movie"] for i in without["items"]] == [i["movie"] for i in second["items"]]
    status, old = call(url, "GET", "/recommendations/196?k=10&year_max=1950", template="/recommendations/{user}")
    assert status == 200 and len(old["items"]) == 10


def test_explanations_name_the_users_own_ratings(live):
    url, _ = live
    status, rated = call(url, "GET", "/users/196/ratings?limit=1000", template="/users/{user}/ratings")
    mine = {item["movie"]: item["rating"] for item in rated["items"]}
    status, listed = call(url, "GET", "/recommendations/196?k=5&explain=true", template="/recommendations/{user}")
    assert status == 200 and listed["explained_by"] is not None
    assert any(item["because"] for item in listed["items"])
    for item in listed["items"]:
        for reason in item["because"]:
            assert mine[reason["movie"]] == reason["rating"] and reason["weight"] > 0
    status, predicted = call(url, "GET", "/predict?user=196&movie=50&explain=true")
    assert status == 200 and all(reason["movie"] in mine for reason in predicted["because"])


def test_a_new_movie_is_served_at_once_and_can_be_corrected(live):
    url, _ = live
    status, created = call(url, "POST", "/movies", {"title": "Le Fabuleux Destin d'Amélie Poulain", "year": 2001,
                                                     "genres": ["Comedy", "Romance"]})
    assert status == 201 and created["movie"] > 1682
    movie = created["movie"]
    status, found = call(url, "GET", "/movies?q=amelie")
    assert [item["movie"] for item in found["items"]] == [movie]
    status, listed = call(url, "GET", "/recommendations/196?k=5&genre=Romance&year_min=2000", template="/recommendations/{user}")
    assert [(i["movie"], i.get("cold_start")) for i in listed["items"]] == [(movie, True)]
    status, predicted = call(url, "GET", f"/predict?user=196&movie={movie}")
    assert status == 200 and predicted["cold_start"] == "movie"
    status, details = call(url, "GET", f"/movies/{movie}", template="/movies/{movie}")
    assert details["cold_start"] is True and details["ratings"] == {"count": 0, "mean": None}
    status, patched = call(url, "PATCH", f"/movies/{movie}", {"title": "Amélie"}, template="/movies/{movie}")
    assert status == 200 and patched["title"] == "Amélie" and patched["year"] == 2001
    status, taken = call(url, "POST", "/movies", {"id": movie, "title": "Again"})
    assert status == 409 and taken["error"]["code"] == "movie_exists"
    status, rated = call(url, "POST", "/ratings", {"user": 196, "movie": movie, "rating": 5})
    assert status == 201 and rated["stored"] == 1


def test_retracting_a_rating_and_forgetting_a_user(live):
    url, _ = live
    status, _ = call(url, "POST", "/ratings", [{"user": 777001, "movie": 50, "rating": 5}, {"user": 777001, "movie": 172, "rating": 4}])
    assert status == 201
    assert call(url, "DELETE", "/users/777001/ratings/172", template="/users/{user}/ratings/{movie}")[0] == 204
    status, error = call(url, "DELETE", "/users/777001/ratings/172", template="/users/{user}/ratings/{movie}")
    assert status == 404 and error["error"]["code"] == "rating_not_found"
    status, left = call(url, "GET", "/users/777001/ratings", template="/users/{user}/ratings")
    assert [item["movie"] for item in left["items"]] == [50]

    # User 196 is in the loaded model; after the forget its rows there are not used.
    _, before = call(url, "GET", "/predict?user=196&model=mf&movie=242")
    assert before["cold_start"] is None
    assert call(url, "DELETE", "/users/196", template="/users/{user}")[0] == 204
    assert call(url, "GET", "/users/196/ratings", template="/users/{user}/ratings")[0] == 404
    _, after = call(url, "GET", "/predict?user=196&model=mf&movie=242")
    assert after["cold_start"] == "user"
    _, listed = call(url, "GET", "/recommendations/196?k=3", template="/recommendations/{user}")
    assert listed["cold_start"] is True
    assert call(url, "DELETE", "/users/196", template="/users/{user}")[0] == 204
    status, error = call(url, "DELETE", "/users/987654321", template="/users/{user}")
    assert status == 404 and error["error"]["code"] == "unknown_user"


def test_predictions_in_bulk_with_errors_per_pair(live):
    url, _ = live
    pairs = [{"user": 1, "movie": 50}, {"user": 1, "movie": 99999}, {"user": 2, "movie": 172, "model": "mf"}]
    status, answer = call(url, "POST", "/predict", pairs)
    assert status == 200 and len(answer["predictions"]) == 3
    assert answer["predictions"][1]["error"]["code"] == "unknown_movie"
    _, single = call(url, "GET", "/predict?user=1&movie=50")
    assert answer["predictions"][0] == single
    assert call(url, "POST", "/predict", {"user": 1, "movie": 50})[0] == 400


def test_the_contract_and_the_index_are_served(live):
    url, _ = live
    status, headers, body = request(url, "GET", "/openapi.yaml")
    assert status == 200 and body == (ROOT / "openapi.yaml").read_bytes()
    spec = yaml.safe_load(body)
    status, index = call(url, "GET", "/")
    documented = {path for path in spec["paths"] if not path.startswith("/admin/")}
    assert {route["path"] for route in index["routes"]} == documented
