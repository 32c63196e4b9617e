import Testing
@testable import ShuniuModel

@Suite("Identifiers")
struct IdentifierTests {
    /// Real, published unified social credit codes (from the companies' business licences).
    @Test(arguments: [
        "914403001922038216",  // Huawei Technologies Co., Ltd.
        "91330100716105852F",  // Alibaba (China) Co., Ltd.
        "9144030071526726XG",  // Shenzhen Tencent Computer Systems Co., Ltd.
    ])
    func realCreditCodesAreValid(_ text: String) throws {
        let code = try CreditCode(validating: text)
        #expect(code.value == text)
        #expect(code.organisationCode == String(text.dropFirst(8).prefix(9)))
    }
}
