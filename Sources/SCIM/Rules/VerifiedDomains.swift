/// The verified-domain rule: once an organization has verified at least one
/// email domain, every address of its users must be in a verified domain
/// (`domain-not-verified`); an organization with none accepts any address.
/// The directory enforces it and the agent checks it before sending, with
/// this one piece of code.
public enum VerifiedDomains {
    /// `Example.COM.` → `example.com`: lower case, no trailing dot, each
    /// label 1–63 letters, digits or hyphens not at either end (RFC 1035
    /// §2.3.1), at least two labels, at most 253 characters; nil otherwise.
    public static func normalize(_ text: String) -> String? {
        var name = FieldValidator.trimmed(text).lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, name.count <= 253, labels.allSatisfy({ label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }) else { return nil }
        return name
    }

    /// The domain part of an address, normalized; nil when there is none.
    public static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        return normalize(String(address[address.index(after: at)...]))
    }

    /// Throws `domain-not-verified` for the first address outside `verified`,
    /// when `verified` is not empty. Addresses without a domain are left to
    /// the email check (`invalid-email`).
    public static func check(_ addresses: [String], verified: Set<String>, field: String = "emails") throws(FieldViolation) {
        if let found = violation(in: addresses, verified: verified, field: field) { throw found.violation }
    }

    /// The first address outside `verified` (when it is not empty), with
    /// the violation `check` throws for it.
    public static func violation(
        in addresses: [String], verified: Set<String>, field: String = "emails"
    ) -> (address: String, violation: FieldViolation)? {
        guard !verified.isEmpty else { return nil }
        for address in addresses {
            guard let domain = domain(of: address), !verified.contains(domain) else { continue }
            let detail = "\(address): \(domain) is not a verified domain of the organization (verified: \(verified.sorted().joined(separator: ", ")))"
            return (address, FieldViolation(.domainNotVerified, field: field, detail: detail))
        }
        return nil
    }
}
