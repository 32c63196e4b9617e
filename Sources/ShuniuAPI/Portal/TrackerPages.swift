import Foundation
import HTTPTypes
import Hummingbird
import ShuniuAudit
import ShuniuModel
import ShuniuStreams

/// My data use record (我的数据使用记录), the citizen's data tracker: signed in with their
/// token, a person (or an organisation) sees every delivery and every API read of their data
/// — when, which department, which theme and fields, under which grant and legal basis — the
/// same receipts `shuniu audit who-received` lists, read from `audit.exchange` and
/// `audit.access`, except those under an investigative grant's notice delay until its day
/// (``NoticeDelay``). Downloadable as CSV.
struct TrackerPages {
    let portal: Portal

    func register(on router: Router<APIContext>) {
        portal.page(router, "/portal/me") { _, _, request in try await page(request) }
        portal.page(router, "/portal/me.csv") { _, _, request in try await csv(request) }
    }

    private var runtime: APIRuntime { portal.runtime }

    /// The signed-in subject's visible receipts.
    private func receipts(_ request: PortalRequest) async throws -> (subject: SubjectID, receipts: [Receipt]) {
        guard let id = request.citizen else {
            throw APIError.unauthorized(request.t("请以市民令牌登录后查看本人的数据使用记录。", "sign in with your citizen token to see your data use record")
                                        + " → /portal/sign-in?next=/portal/me")
        }
        let subject: SubjectID
        do { subject = try SubjectID(validating: id) } catch { throw APIError.badRequest(error.message) }
        if case .limited(let seconds) = portal.recordScans.take(subject.value) {
            throw APIError(.tooManyRequests, "rate-limited", request.t("刷新过于频繁，请 \(seconds) 秒后再试。", "reloaded too often: try again in \(seconds) s"),
                           retryAfter: seconds)
        }
        var standingFor: [String: String] = [:]
        if let licences = runtime.licences {
            for entry in licences.register.licences(of: subject.value) {
                standingFor[entry.licence.number] = "licence \(entry.licence.number) (\(entry.licence.licenceType))"
            }
        }
        var ledger = ReceiptLedger(subject: subject, standingFor: standingFor)
        do {
            try await TopicScan(client: runtime.config.client).scan([Topics.audit, Topics.access]) {
                ledger.add($0.value, topic: $0.topic, partition: $0.partition, offset: $0.offset)
            }
        } catch {
            throw APIError.unavailable(request.t("暂时无法读取审计记录，请稍后再试。", "the audit cannot be read now; try again shortly"))
        }
        guard let today = runtime.config.noticeToday() else { return (subject, []) }
        return (subject, NoticeDelay.visible(ledger.receipts, grants: runtime.grants.table, today: today))
    }

    private func page(_ request: PortalRequest) async throws -> Response {
        let (subject, receipts) = try await receipts(request)
        let rows = HTML.join(receipts.map { receipt in
            """
            <tr><td>\(receipt.time)</td><td>\(receipt.kind == .delivery ? request.t("交付", "delivery") : request.t("查询", "read"))</td>
            <td>\(runtime.catalogue.department(receipt.department).map { request.lang.name($0.name) } ?? receipt.department)</td>
            <td>\(receipt.theme.flatMap { runtime.catalogue.theme($0) }.map { request.lang.name($0.title) } ?? receipt.theme ?? "—")</td>
            <td>\(receipt.fields.joined(separator: ", "))</td><td><code>\(receipt.grant ?? "—")</code></td><td>\(receipt.basis ?? "—")</td>
            <td>\(Self.outcome(receipt.outcome, request))</td></tr>
            """ as HTML
        })
        return PortalPage.page(request, title: request.t("我的数据使用记录", "My data use record"), """
            <p>\(request.t("以下是本人（\(PortalPage.maskedID(subject.value))）的数据被交付给各部门或被查询的全部记录，来自枢纽的审计链。",
                           "Every delivery of your data (\(PortalPage.maskedID(subject.value))) to a department and every read of it, from the hub's audit chain."))</p>
            <p id="receipt-count">\(request.t("共 \(receipts.count) 条", "\(receipts.count) receipts")) · <a href="/portal/me.csv" download>\(request.t("下载 CSV", "Download as CSV"))</a></p>
            <p class="help">\(request.t("为不妨碍侦查，依侦查类授权的记录在授权规定的告知延迟期满后显示。", "So as not to hinder an investigation, what was shared under an investigative grant appears once the grant's notice delay has passed."))</p>
            <table id="receipts"><thead><tr><th>\(request.t("时间", "When"))</th><th>\(request.t("类型", "Kind"))</th><th>\(request.t("部门", "Department"))</th>
            <th>\(request.t("主题", "Theme"))</th><th>\(request.t("字段", "Fields"))</th><th>\(request.t("授权", "Grant"))</th><th>\(request.t("法律依据", "Legal basis"))</th><th>\(request.t("结果", "Outcome"))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
    }

    private func csv(_ request: PortalRequest) async throws -> Response {
        let (_, receipts) = try await receipts(request)
        var text = "time,kind,department,theme,fields,grant,basis,outcome,via\r\n"
        for receipt in receipts {
            text += [receipt.time, receipt.kind.rawValue, receipt.department, receipt.theme ?? "", receipt.fields.joined(separator: ","),
                     receipt.grant ?? "", receipt.basis ?? "", receipt.outcome, receipt.via].map(Self.cell).joined(separator: ",") + "\r\n"
        }
        var response = PortalPage.answer(text, type: "text/csv; charset=utf-8")
        if let disposition = HTTPField.Name("Content-Disposition") {
            response.headers[disposition] = "attachment; filename=\"my-data-use.csv\""
        }
        return response
    }

    /// An outcome in the page's language.
    static func outcome(_ outcome: String, _ request: PortalRequest) -> String {
        switch outcome {
        case "delivered": request.t("已交付", "delivered")
        case "read": request.t("已查询", "read")
        case "denied": request.t("被拒绝（无授权）", "refused (no grant)")
        case "not-found": request.t("未找到", "not found")
        default: outcome
        }
    }

    /// One CSV cell (RFC 4180), with a leading `=`, `+`, `-` or `@` defused for spreadsheets.
    static func cell(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
