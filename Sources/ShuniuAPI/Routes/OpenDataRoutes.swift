import Foundation
import Hummingbird
import NIOCore
import ShuniuOpenData

/// The open-data portal, no key needed: `GET /v1/open/datasets` (every dataset with its latest
/// version), `GET /v1/open/datasets/{id}` (all versions; older ones stay downloadable) and
/// `GET /v1/open/datasets/{id}/versions/{version}/{file}` (`data.csv`, `data.json`,
/// `metadata.json`, byte for byte as written).
struct OpenDataRoutes: RouteGroup {
    let runtime: APIRuntime

    func register(on router: Router<APIContext>) {
        // The catalogue as DCAT-AP 3.0 (docs/open-data.md): the IRI of the catalogue answers
        // JSON-LD, or Turtle when the client asks for text/turtle; the two files have stable URLs
        // for harvesters to poll.
        router.get("/v1/open/catalog") { request, _ in
            let turtle = request.headers[.accept]?.contains("text/turtle") == true
            return try dcat(request, turtle: turtle)
        }
        router.get("/v1/open/catalog.jsonld") { request, _ in try dcat(request, turtle: false) }
        router.get("/v1/open/catalog.ttl") { request, _ in try dcat(request, turtle: true) }
        router.get("/v1/open/datasets") { _, _ in
            let store = try snapshots()
            let listed = store.datasets().map { dataset in
                DatasetJSON(id: dataset, versions: store.versionNumbers(dataset))
            }
            return try JSONResponse.make(listed)
        }
        router.get("/v1/open/datasets/:id") { _, context in
            let id = try context.parameters.require("id")
            let store = try snapshots()
            let versions = store.versionNumbers(id)
            guard !versions.isEmpty else { throw APIError.notFound("no open dataset \(id.prefix(80)); GET /v1/open/datasets lists them") }
            return try JSONResponse.make(DatasetJSON(id: id, versions: versions))
        }
        router.get("/v1/open/datasets/:id/versions/:version/:file") { _, context in
            let id = try context.parameters.require("id")
            let file = try context.parameters.require("file")
            guard let number = Int(try context.parameters.require("version").drop { $0 == "v" }) else {
                throw APIError.badRequest("a version is a number (1, 2…) or v1, v2…")
            }
            guard let type = Self.mediaTypes[file] else {
                throw APIError.notFound("a version holds data.csv, data.json and metadata.json")
            }
            let store = try snapshots()
            // Dataset ids are kebab-case; anything else (a path, `..`) names no dataset.
            guard id.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }),
                  store.versionNumbers(id).contains(number),
                  let data = FileManager.default.contents(atPath: store.root.appendingPathComponent("\(id)/v\(number)/\(file)").path) else {
                throw APIError.notFound("\(id.prefix(80)) has no version \(number); GET /v1/open/datasets/\(id.prefix(80)) lists its versions")
            }
            let bytes = [UInt8](data)
            var headers = HTTPFields()
            headers[.contentType] = type
            headers[.cacheControl] = "public, max-age=31536000, immutable"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    static let mediaTypes = ["data.csv": "text/csv; charset=utf-8", "data.json": "application/json; charset=utf-8",
                             "metadata.json": "application/json; charset=utf-8"]

    /// The DCAT-AP catalogue of every dataset's latest version, IRIs under the API's public URL.
    private func dcat(_ request: Request, turtle: Bool) throws -> Response {
        let store = try snapshots()
        let (graph, unreadable) = DCATCatalog(base: publicURL(request), catalogue: runtime.catalogue).graph(store)
        for error in unreadable { runtime.logger.warning("open-data catalogue: a dataset left out: \(error)") }
        var headers = HTTPFields()
        headers[.contentType] = turtle ? "text/turtle; charset=utf-8" : "application/ld+json; charset=utf-8"
        // IRIs taken from the request's Host must not be cached for other clients (a shared
        // cache keyed by the path would serve one client's Host to all): cacheable only under a
        // configured --public-url.
        headers[.cacheControl] = runtime.config.publicURL == nil ? "no-store" : "public, max-age=60"
        return Response(status: .ok, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: turtle ? graph.turtle() : graph.jsonLD())))
    }

    /// `--public-url`, else `http://` and the request's authority (Host) when it is a plain host[:port],
    /// else the listening address.
    private func publicURL(_ request: Request) -> String { Self.publicURL(request, runtime: runtime) }

    /// The base of the open-data IRIs for `request` (shared with the portal's dataset pages).
    static func publicURL(_ request: Request, runtime: APIRuntime) -> String {
        if let configured = runtime.config.publicURL { return configured }
        if let host = request.head.authority, !host.isEmpty, host.utf8.count <= 255,
           host.utf8.allSatisfy({ byte in
               (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                   || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"),
                                                                                  UInt8(ascii: "["), UInt8(ascii: "]")].contains(byte)
           }) {
            return "http://\(host)"
        }
        return "http://\(runtime.config.host):\(runtime.config.port)"
    }

    private func snapshots() throws(APIError) -> SnapshotStore {
        guard let store = runtime.openData else {
            throw APIError.unavailable("this API was started without open data; start it with --open-data DIR")
        }
        return store
    }
}

/// A dataset and its versions.
struct DatasetJSON: Encodable {
    var id: String
    var versions: [Int]
    var latest: Int? { versions.max() }

    enum CodingKeys: String, CodingKey { case id, versions, latest, csv }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(versions, forKey: .versions)
        try container.encodeIfPresent(latest, forKey: .latest)
        try container.encode(versions.map { "/v1/open/datasets/\(id)/versions/\($0)/data.csv" }, forKey: .csv)
    }
}
