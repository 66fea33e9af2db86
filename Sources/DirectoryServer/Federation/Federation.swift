public import Foundation

/// This deployment (data center) and the peers it confirms addresses with:
/// an address may hold an account in one deployment only.
public struct Federation: Sendable {
    public struct Peer: Sendable, Hashable {
        public var id: String
        /// The peer's base URL (`https://eu.example.net`); the internal API
        /// lives under `/internal/v1`.
        public var url: String

        public init(id: String, url: String) {
            self.id = id
            self.url = url
        }
    }

    public var deployment: String
    public var peers: [Peer]
    /// The secret every deployment of the installation shares; requests
    /// between peers carry an HMAC of it, never the secret itself.
    public var secret: [UInt8]
    /// How long a peer may take to answer before the create fails with 503.
    public var timeout: TimeInterval

    public init(deployment: String, peers: [Peer], secret: [UInt8], timeout: TimeInterval = 5) {
        self.deployment = deployment
        self.peers = peers
        self.secret = secret
        self.timeout = timeout
    }
}

/// What one deployment knows of an address.
public enum AddressState: Sendable, Hashable {
    /// An account holds it.
    case held
    /// A create that will hold it is under way since `claimedAt` (ms).
    case pending(claimedAt: Int64)
    case free
}

/// The tie-break between deployments claiming one address (pure, so both
/// sides reach the same verdict from the same facts): an address held
/// anywhere else is lost; of two pending claims the earlier wins, and at
/// the same millisecond the deployment id that sorts first.
public enum AddressClaim {
    public static func wins(
        mine: (claimedAt: Int64, deployment: String), theirs: AddressState, theirDeployment: String
    ) -> Bool {
        switch theirs {
        case .free: true
        case .held: false
        case .pending(let claimedAt): (mine.claimedAt, mine.deployment) < (claimedAt, theirDeployment)
        }
    }
}
