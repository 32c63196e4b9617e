extension Duration {
    /// Seconds as a `Double`, for rates, metrics and progress lines.
    public var seconds: Double {
        let (whole, atto) = components
        return Double(whole) + Double(atto) / 1e18
    }
}
