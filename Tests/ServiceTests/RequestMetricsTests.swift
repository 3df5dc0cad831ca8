import Testing
@testable import Service

@Test func exposesCumulativeBucketsPerRouteAndStatus() {
    let metrics = RequestMetrics()
    metrics.record(route: "/predict", method: "GET", status: 200, seconds: 0.0003)
    metrics.record(route: "/predict", method: "GET", status: 200, seconds: 0.002)
    metrics.record(route: "/predict", method: "GET", status: 404, seconds: 0.0001)
    let text = metrics.exposition()
    #expect(text.contains(#"movierec_http_requests_total{route="/predict",method="GET",status="200"} 2"#))
    #expect(text.contains(#"movierec_http_requests_total{route="/predict",method="GET",status="404"} 1"#))
    #expect(text.contains(#"movierec_http_request_duration_seconds_bucket{route="/predict",method="GET",status="200",le="0.0005"} 1"#))
    #expect(text.contains(#"movierec_http_request_duration_seconds_bucket{route="/predict",method="GET",status="200",le="0.0025"} 2"#))
    #expect(text.contains(#"movierec_http_request_duration_seconds_bucket{route="/predict",method="GET",status="200",le="+Inf"} 2"#))
}

@Test func escapesLabelValues() {
    #expect(RequestMetrics.escape("a\"b\\c\nd") == #"a\"b\\c\nd"#)
}
