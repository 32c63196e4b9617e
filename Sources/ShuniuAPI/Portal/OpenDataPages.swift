import Hummingbird
import ShuniuOpenData

/// The open-data portal: the datasets by domain (the EU data theme of each), a dataset's
/// versions with their downloads, and its metadata as DCAT-AP 3.0 (Turtle and JSON-LD) beside
/// the whole catalogue's stable URLs (`/v1/open/catalog.ttl`, `.jsonld`) for harvesters.
struct OpenDataPages {
    let portal: Portal

    func register(on router: Router<APIContext>) {
        portal.page(router, "/portal/open") { _, _, request in try list(request) }
        portal.page(router, "/portal/open/:id") { _, context, request in try dataset(request, id: try context.parameters.require("id")) }
        portal.page(router, "/portal/open/:id/metadata.ttl") { raw, context, request in
            try metadata(raw, request, id: try context.parameters.require("id"), turtle: true)
        }
        portal.page(router, "/portal/open/:id/metadata.jsonld") { raw, context, request in
            try metadata(raw, request, id: try context.parameters.require("id"), turtle: false)
        }
    }

    private func store(_ request: PortalRequest) throws(APIError) -> SnapshotStore {
        guard let store = portal.runtime.openData else {
            throw APIError.unavailable(request.t("本门户启动时未提供开放数据（shuniu serve --open-data 目录）。", "this portal was started without open data (shuniu serve --open-data DIR)"))
        }
        return store
    }

    private func list(_ request: PortalRequest) throws(APIError) -> Response {
        let store = try store(request)
        var byDomain: [String: [(String, SnapshotMetadata)]] = [:]
        var labels: [String: String] = [:]
        for id in store.datasets() {
            guard let latest = store.versionNumbers(id).max(), let version = try? store.version(id, latest) else { continue }
            byDomain[version.metadata.theme, default: []].append((id, version.metadata))
            labels[version.metadata.theme] = request.lang.name(version.metadata.themeLabel)
        }
        let sections = HTML.join(byDomain.keys.sorted { (labels[$0] ?? $0) < (labels[$1] ?? $1) }.map { domain in
            let rows = HTML.join((byDomain[domain] ?? []).map { id, metadata in
                """
                <tr><td><a href="/portal/open/\(id)">\(request.lang.name(metadata.title))</a></td><td>\(request.lang.name(metadata.publisher.name))</td>
                <td class="num">v\(metadata.version)</td><td class="num">\(metadata.rowCount)</td><td>\(metadata.modified)</td></tr>
                """ as HTML
            })
            return """
                <h2>\(labels[domain] ?? domain)</h2>
                <table><thead><tr><th>\(request.t("数据集", "Dataset"))</th><th>\(request.t("发布部门", "Publisher"))</th><th class="num">\(request.t("最新版本", "Latest"))</th>
                <th class="num">\(request.t("行数", "Rows"))</th><th>\(request.t("更新时间", "Modified"))</th></tr></thead><tbody>\(rows)</tbody></table>
                """ as HTML
        })
        return PortalPage.page(request, title: request.t("开放数据", "Open data"), """
            <p>\(request.t("以下数据集均经脱敏和统计披露控制（小单元抑制）后开放，许可协议 CC BY 4.0。",
                           "Every dataset here passed de-identification and disclosure control (small cells suppressed); licence CC BY 4.0."))</p>
            <p>\(request.t("采集用元数据（DCAT-AP 3.0）：", "Metadata for harvesters (DCAT-AP 3.0): "))<a href="/v1/open/catalog.ttl">Turtle</a> · <a href="/v1/open/catalog.jsonld">JSON-LD</a></p>
            \(sections.markup.isEmpty ? "<p>\(request.t("尚未发布数据集。", "No dataset published yet."))</p>" as HTML : sections)
            """)
    }

    private func dataset(_ request: PortalRequest, id: String) throws(APIError) -> Response {
        let store = try store(request)
        let versions: [StoredVersion]
        do {
            versions = try store.versions(id).sorted { $0.number > $1.number }
        } catch {
            throw APIError.notFound(request.t("没有开放数据集 \(id.prefix(80))。", "no open dataset \(id.prefix(80))"))
        }
        guard let latest = versions.first else { throw APIError.notFound(request.t("没有开放数据集 \(id.prefix(80))。", "no open dataset \(id.prefix(80))")) }
        let metadata = latest.metadata
        let rows = HTML.join(versions.map { version in
            let files = HTML.join(version.metadata.distribution.map { distribution in
                let name = distribution.downloadURL.split(separator: "/").last.map(String.init) ?? distribution.title
                return "<a href=\"/v1/open/datasets/\(id)/versions/\(version.number)/\(name)\" download>\(name)</a> (\(distribution.byteSize) B)" as HTML
            }, separator: " · ")
            return """
                <tr><td class="num">v\(version.number)</td><td>\(version.metadata.issued)</td><td class="num">\(version.metadata.rowCount)</td>
                <td class="num">\(version.metadata.disclosureControl.suppressedCells)</td><td>\(files) · <a href="/v1/open/datasets/\(id)/versions/\(version.number)/metadata.json">metadata.json</a></td></tr>
                """ as HTML
        })
        return PortalPage.page(request, title: request.lang.name(metadata.title), """
            <p>\(metadata.description)</p>
            <table class="facts"><tbody>
            <tr><th>\(request.t("领域", "Domain"))</th><td>\(request.lang.name(metadata.themeLabel))</td></tr>
            <tr><th>\(request.t("发布部门", "Publisher"))</th><td>\(request.lang.name(metadata.publisher.name))</td></tr>
            <tr><th>\(request.t("来源主题", "Source theme"))</th><td><a href="/portal/catalogue/\(metadata.sourceTheme)">\(metadata.sourceTheme)</a> (\(metadata.sourceProvider))</td></tr>
            <tr><th>\(request.t("更新频率", "Frequency"))</th><td>\(metadata.accrualPeriodicity)</td></tr>
            <tr><th>\(request.t("许可", "Licence"))</th><td>\(metadata.license)</td></tr>
            <tr><th>\(request.t("披露控制", "Disclosure control"))</th><td>\(metadata.disclosureControl.kind), \(request.t("最小单元", "minimum cell")) \(metadata.disclosureControl.minCell)</td></tr>
            <tr><th>\(request.t("元数据", "Metadata"))</th><td>DCAT-AP 3.0: <a href="/portal/open/\(id)/metadata.ttl">Turtle</a> · <a href="/portal/open/\(id)/metadata.jsonld">JSON-LD</a></td></tr>
            </tbody></table>
            <h2>\(request.t("版本", "Versions"))</h2>
            <table id="versions"><thead><tr><th class="num">\(request.t("版本", "Version"))</th><th>\(request.t("发布时间", "Issued"))</th><th class="num">\(request.t("行数", "Rows"))</th>
            <th class="num">\(request.t("抑制单元", "Suppressed cells"))</th><th>\(request.t("下载", "Download"))</th></tr></thead><tbody>\(rows)</tbody></table>
            """)
    }

    /// One dataset's DCAT-AP 3.0 record (its catalogue entry with every version's distributions).
    private func metadata(_ raw: Request, _ request: PortalRequest, id: String, turtle: Bool) throws(APIError) -> Response {
        let store = try store(request)
        guard let versions = try? store.versions(id), !versions.isEmpty else {
            throw APIError.notFound(request.t("没有开放数据集 \(id.prefix(80))。", "no open dataset \(id.prefix(80))"))
        }
        let latest = versions.max { $0.number < $1.number }.map { [$0] } ?? []
        let graph = DCATCatalog(base: OpenDataRoutes.publicURL(raw, runtime: portal.runtime), catalogue: portal.runtime.catalogue).graph(latest)
        return PortalPage.answer(turtle ? graph.turtle() : graph.jsonLD(),
                                 type: turtle ? "text/turtle; charset=utf-8" : "application/ld+json; charset=utf-8",
                                 cache: portal.runtime.config.publicURL == nil ? "no-store" : "public, max-age=60")
    }
}
