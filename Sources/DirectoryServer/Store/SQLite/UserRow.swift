import SCIM

/// A user ready to insert: the text of its document and its address keys
/// computed before the write, on the caller's thread, so the one writer
/// spends its time on the statements alone.
struct UserRow: Sendable {
    let user: StoredUser
    let document: String
    let emailKeys: [String]

    init(_ user: StoredUser) {
        self.user = user
        document = user.document.serializedString()
        emailKeys = user.emailKeys
    }
}
