import Hummingbird
import ShuniuAudit
import ShuniuModel

/// The operators' view (signed in with an ops key): the exchange per day as a chart drawn on
/// the server, the department evaluation table, dead letters by reason, the lag of each
/// service this process can see, and whether the audit chains verify. No subject data.
struct OpsPages {
    let portal: Portal

    func register(on router: Router<APIContext>) {
        portal.page(router, "/portal/ops") { _, _, request in try await page(request) }
    }

    private var runtime: APIRuntime { portal.runtime }

    private func page(_ request: PortalRequest) async throws -> Response {
        guard request.isOps else {
            if request.session != nil {
                throw APIError.forbidden(request.t("运行监控只对运行人员开放（运行密钥：shuniu keys issue --ops）。", "the operations view is for the hub's operators (an ops key: shuniu keys issue --ops)"))
            }
            throw APIError.unauthorized(request.t("请以运行密钥登录。", "sign in with an ops key") + " → /portal/sign-in?next=/portal/ops")
        }
        var body: HTML = .empty
        do {
            let evaluation = try await portal.figures.evaluation.value()
            body += exchange(evaluation, request) + departments(evaluation, request) + deadLetters(evaluation, request)
        } catch {
            body += "<p class=\"error\">\(request.t("评估数据暂不可读：", "The evaluation cannot be read now: "))\(String(describing: error).prefix(300))</p>"
        }
        body += await lag(request)
        body += await audit(request)
        return PortalPage.page(request, title: request.t("运行监控", "Operations"), body)
    }

    private func exchange(_ evaluation: Evaluation, _ request: PortalRequest) -> HTML {
        let days = evaluation.days.suffix(31)
        let chart = SVGChart(title: request.t("每日交换量（最近 \(days.count) 天）", "Exchange per day (last \(days.count) days)"),
                             series: [.init(name: request.t("发布", "published"), colour: "#0b4f8a"),
                                      .init(name: request.t("交付", "delivered"), colour: "#2e8540"),
                                      .init(name: request.t("拒收", "rejected"), colour: "#b31b1b"),
                                      .init(name: request.t("查询", "API reads"), colour: "#8a5a00")],
                             days: days.map { ($0.day, [$0.totals.published, $0.totals.delivered, $0.totals.rejected, $0.totals.reads]) })
        let total = evaluation.days.reduce(DayTotals()) { sum, day in
            DayTotals(published: sum.published + day.totals.published, delivered: sum.delivered + day.totals.delivered,
                      rejected: sum.rejected + day.totals.rejected, reads: sum.reads + day.totals.reads)
        }
        let figure: HTML = days.isEmpty ? "<p>\(request.t("尚无交换记录。", "No exchange recorded yet."))</p>" : chart.svg
        return """
            <h2>\(request.t("交换量", "Exchange"))</h2>
            <figure id="exchange-chart">\(figure)</figure>
            <p id="exchange-totals">\(request.t("合计：发布 \(total.published)，交付 \(total.delivered)，拒收 \(total.rejected)，查询 \(total.reads)（截至 \(evaluation.asOf ?? "—")）。",
                                              "Totals: \(total.published) published, \(total.delivered) delivered, \(total.rejected) rejected, \(total.reads) API reads (as of \(evaluation.asOf ?? "—")).") )</p>
            """
    }

    private func departments(_ evaluation: Evaluation, _ request: PortalRequest) -> HTML {
        let rows = HTML.join(evaluation.departments.filter(\.isActive).map { department in
            """
            <tr><td>\(runtime.catalogue.department(department.id).map { request.lang.name($0.name) } ?? department.name)</td>
            <td class="num">\(department.published)</td><td class="num">\(department.rejectedTotal)</td><td>\(department.lateThemes.joined(separator: ", "))</td>
            <td class="num">\(department.subscriptionsServed)</td><td class="num">\(department.subscriptionsHeld)</td>
            <td class="num">\(department.received)</td><td class="num">\(department.apiReads)</td></tr>
            """ as HTML
        })
        return """
            <h2>\(request.t("部门考核", "Department evaluation"))</h2>
            <table id="evaluation"><thead><tr><th>\(request.t("部门", "Department"))</th><th class="num">\(request.t("发布", "Published"))</th><th class="num">\(request.t("被拒", "Rejected"))</th>
            <th>\(request.t("更新滞后的主题", "Late themes"))</th><th class="num">\(request.t("提供的订阅", "Subscriptions served"))</th><th class="num">\(request.t("持有的订阅", "Subscriptions held"))</th>
            <th class="num">\(request.t("收到", "Received"))</th><th class="num">\(request.t("API 查询", "API reads"))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    private func deadLetters(_ evaluation: Evaluation, _ request: PortalRequest) -> HTML {
        var byReason: [String: Int] = [:]
        for department in evaluation.departments { for (reason, count) in department.rejected { byReason[reason, default: 0] += count } }
        for (reason, count) in evaluation.rejectedUnknownSenders { byReason[reason, default: 0] += count }
        let rows = HTML.join(byReason.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
            "<tr><td><code>\($0.key)</code></td><td class=\"num\">\($0.value)</td></tr>" as HTML
        })
        return """
            <h2>\(request.t("死信（按原因）", "Dead letters by reason"))</h2>
            \(byReason.isEmpty ? "<p id=\"dead-letters\">\(request.t("没有死信。", "No dead letters."))</p>" as HTML
              : "<table id=\"dead-letters\"><thead><tr><th>\(request.t("原因", "Reason"))</th><th class=\"num\">\(request.t("记录数", "Records"))</th></tr></thead><tbody>\(rows)</tbody></table>")
            """
    }

    private func lag(_ request: PortalRequest) async -> HTML {
        let router: String
        do {
            router = request.t("\(try await portal.figures.routerLag.value()) 条", "\(try await portal.figures.routerLag.value()) records")
        } catch {
            router = request.t("不可读：", "not readable: ") + String(describing: error).prefix(200)
        }
        let grants = runtime.grants.staleness
        return """
            <h2>\(request.t("服务延迟", "Lag per service"))</h2>
            <table id="lag"><tbody>
            <tr><th>\(request.t("路由器（源主题上未处理的记录）", "Router (source records not yet routed)"))</th><td>\(router)</td></tr>
            <tr><th>\(request.t("授权表（距上次追上 ctl.grants）", "Grant table (since it last caught up with ctl.grants)"))</th><td>\(String(describing: grants))</td></tr>
            <tr><th>\(request.t("访问审计（待确认的记录）", "Access audit (records awaiting the broker)"))</th><td>\(runtime.audit.unacknowledged)</td></tr>
            <tr><th>\(request.t("门户会话", "Portal sessions"))</th><td>\(runtime.sessions.count)</td></tr>
            </tbody></table>
            """
    }

    private func audit(_ request: PortalRequest) async -> HTML {
        do {
            let verification = try await portal.figures.verification.value()
            let rows = HTML.join(verification.logs.map { log in
                "<tr><td><code>\(log.topic)</code></td><td class=\"num\">\(log.records)</td><td class=\"num\">\(log.chains)</td><td class=\"num\">\(log.breaks.count)</td></tr>" as HTML
            })
            return """
                <h2>\(request.t("审计链校验", "Audit verification"))</h2>
                <p id="audit-status" class="\(verification.isIntact ? "notice" : "error")">\(verification.isIntact ? request.t("全部审计链校验通过。", "Every audit chain verifies.") : request.t("审计链有断裂：\(verification.breaks.count) 处，请运行 shuniu audit verify。", "\(verification.breaks.count) break(s) in the audit: run shuniu audit verify."))</p>
                <table><thead><tr><th>\(request.t("主题", "Topic"))</th><th class="num">\(request.t("记录", "Records"))</th><th class="num">\(request.t("链", "Chains"))</th><th class="num">\(request.t("断裂", "Breaks"))</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        } catch {
            return "<h2>\(request.t("审计链校验", "Audit verification"))</h2><p id=\"audit-status\" class=\"error\">\(request.t("暂不可校验：", "Cannot be checked now: "))\(String(describing: error).prefix(300))</p>"
        }
    }
}
