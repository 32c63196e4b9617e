import Hummingbird

/// The start page: what the hub is and where each user goes.
enum PortalHome {
    static func page(_ request: PortalRequest, runtime: APIRuntime) -> Response {
        let catalogue = runtime.catalogue
        let inForce = runtime.grants.table.all.filter { $0.state == .approved }.count
        let cards: [HTML] = [
            card("/portal/catalogue", request.t("共享目录", "Catalogue"),
                 request.t("\(catalogue.themes.count) 个信息资源主题，\(catalogue.departments.count) 个部门；按部门、类别、共享类型、开放类型检索。",
                           "\(catalogue.themes.count) themes from \(catalogue.departments.count) departments; browse by department, class, share type and open type.")),
            card("/portal/workspace", request.t("部门工作台", "Department workspace"),
                 request.t("申请共享授权、审核本部门提供的主题的申请、仲裁、吊销。当前生效授权 \(inForce) 项。",
                           "Apply for grants, decide on applications for your themes, arbitrate, revoke. \(inForce) grants in force.")),
            card("/portal/open", request.t("开放数据", "Open data"),
                 request.t("脱敏后的开放数据集，各版本可下载；DCAT-AP 3.0 元数据供采集。", "De-identified datasets, every version downloadable; DCAT-AP 3.0 metadata for harvesters.")),
            card("/portal/credit", request.t("信用公示", "Credit publicity"),
                 request.t("按名称或统一社会信用代码查询行政许可和行政处罚（双公示），提出异议。",
                           "Search an organisation by name or credit code: its licences and penalties under double publicity; file an objection.")),
            card("/portal/me", request.t("我的数据使用记录", "My data use record"),
                 request.t("市民查看哪个部门在何时、依据何种授权收到或查询了本人的数据。", "Citizens see which department received or read their data, when, and under which grant.")),
            card("/portal/ops", request.t("运行监控", "Operations"),
                 request.t("每日交换量、部门考核、死信原因、服务延迟、审计链校验。", "Exchange per day, department evaluation, dead letters, lag, audit verification.")),
        ]
        return PortalPage.page(request, title: request.t("政务信息资源共享平台", "Government information-sharing hub"), """
            <p class="lead">\(request.t("枢纽按法定职能共享政务数据：每条记录只送给获得授权的部门、只含授权的字段，每次交换都记入带密钥的审计链。",
                                         "Shuniu shares government records by legal function: each record goes only to departments granted it, with only the granted fields, and every exchange is sealed in a keyed audit chain."))</p>
            <ul class="cards">\(cards)</ul>
            """)
    }

    private static func card(_ path: String, _ title: String, _ text: String) -> HTML {
        "<li class=\"card\"><h2><a href=\"\(path)\">\(title)</a></h2><p>\(text)</p></li>"
    }
}
