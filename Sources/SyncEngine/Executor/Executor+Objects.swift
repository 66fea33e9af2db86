import SCIM

extension Executor.Run {
    /// Sends one action and says what changed. Never throws: a refusal is a
    /// result with its condition; only `access-lost` stops the run.
    func perform(_ action: PlannedAction) async -> Executor.Outcome {
        var outcome = Executor.Outcome()
        do {
            switch action {
            case .create(let kind, let anchor, let fields, let hash):
                try await create(kind, anchor, fields: fields, hash: hash, into: &outcome)
            case .link(let kind, let anchor, let id, let fields, let hash):
                try await link(kind, anchor, to: TargetObject(id: id), fields: fields, hash: hash, into: &outcome, code: .alreadyExists)
            case .update(let kind, let anchor, let id, let set, let remove, let hash):
                try await update(kind, anchor, id: id, set: set, remove: remove, hash: hash, into: &outcome)
            case .deactivate(let anchor, let id):
                try await onTracked(.user, anchor, .deactivate, into: &outcome) { (outcome: inout Executor.Outcome) in
                    try await executor.target.deactivate(userID: id, version: versions[anchor])
                    recordDeactivated(anchor, id: id, into: &outcome)
                }
            case .delete(let kind, let anchor, let id):
                do {
                    try await executor.target.delete(kind, id: id, version: versions[anchor])
                } catch let error as TargetError where error.code == .targetMissing {
                    // Already gone: the deletion's goal holds.
                }
                recordDeleted(kind, anchor, into: &outcome)
            case .unlink(let anchor):
                outcome.batch.unlinked.insert(anchor)
                outcome.batch.done(anchor, links[anchor]?.kind ?? .user, .unlink)
            case .addMembers(let group, let members):
                try await changeMembers(group, members, adding: true, into: &outcome)
            case .removeMembers(let group, let members):
                try await changeMembers(group, members, adding: false, into: &outcome)
            }
        } catch let error as TargetError {
            if error.code == .accessLost { outcome.stop = error }
            outcome.batch.fail(action.anchor, action.kind, action.name, error)
        } catch {
            outcome.batch.fail(action.anchor, action.kind, action.name, TargetError(code: .general, detail: "\(error)"))
        }
        return outcome
    }

    /// POST with the anchor as `externalId` (RFC 7644 §3.3). A 409 means the
    /// object is there already (made by hand, or by a create sent just
    /// before a crash): find it, link it unless it is privileged, write the
    /// fields, and report `already-exists` as information. A group carries
    /// its first members (`Executor+CarriedMembers.swift`) unless
    /// `carryingMembers` is false; refused with 400, it goes again without.
    func create(
        _ kind: ObjectKind, _ anchor: Anchor, fields: [FieldAssignment], hash: String, carryingMembers: Bool = true,
        into outcome: inout Executor.Outcome
    ) async throws {
        let (values, _) = resolve(fields)
        let carrying = carryingMembers ? carrying(kind, anchor) : nil
        do {
            let created = try await executor.target.create(kind, externalID: anchor.rawValue, fields: values, members: carrying?.ids.map(\.id) ?? [])
            recordCreated(kind, anchor, id: created.id, fields: fields, hash: hash, into: &outcome)
            if let carrying { recordCarried(anchor, carrying, into: &outcome) }
        } catch let error as TargetError where carrying != nil && error.refusesRequest {
            try await create(kind, anchor, fields: fields, hash: hash, carryingMembers: false, into: &outcome)
        } catch let error as TargetError where error.code == .alreadyExists {
            try await adopt(kind, anchor, fields: fields, hash: hash, after: error, into: &outcome)
        } catch let error as TargetError where error.code == .nameConflict {
            try await adoptOwn(kind, anchor, fields: fields, hash: hash, after: error, into: &outcome)
        }
    }

    /// The link of a created object; reference fields whose object is not
    /// written yet are deferred.
    func recordCreated(_ kind: ObjectKind, _ anchor: Anchor, id: String, fields: [FieldAssignment], hash: String, into outcome: inout Executor.Outcome) {
        let unresolved = unresolvedReferences(fields)
        var link = makeLink(kind, id, origin: .created, fields: fields.filter { !unresolved.contains($0.field) }, hash: hash)
        if !unresolved.isEmpty {
            // The stored hash stays empty until the references are
            // written, so a failure there is planned again next run.
            link.hash = ""
            outcome.deferred.append((anchor, kind, fields.filter { unresolved.contains($0.field) }, hash))
        }
        outcome.batch.links[anchor] = link
        outcome.batch.done(anchor, kind, .create)
    }

    /// A group created by a request whose answer was lost (timed out after
    /// the target wrote it) is a name conflict on the retry: the group
    /// carrying this anchor as externalId is that one; link it. Another
    /// group of the same name stays a conflict.
    func adoptOwn(_ kind: ObjectKind, _ anchor: Anchor, fields: [FieldAssignment], hash: String, after error: TargetError, into outcome: inout Executor.Outcome) async throws {
        guard let ours = try await executor.target.find(kind, by: .externalID(anchor.rawValue)) else { throw error }
        try await link(kind, anchor, to: ours, fields: fields, hash: hash, into: &outcome, code: .alreadyExists)
    }

    /// After a create answered "already exists": find the object, link it
    /// unless it is privileged, write the fields.
    func adopt(_ kind: ObjectKind, _ anchor: Anchor, fields: [FieldAssignment], hash: String, after error: TargetError, into outcome: inout Executor.Outcome) async throws {
        guard let existing = try await findExisting(kind, anchor, fields: resolve(fields).values, hint: error.existingID) else {
            outcome.batch.fail(anchor, kind, .create, error)
            return
        }
        if let other = links.anchor(linkedTo: existing.object.id, except: anchor) {
            outcome.batch.fail(anchor, kind, .create, TargetError(
                code: .linkedToAnother, status: error.status, requestID: error.requestID,
                detail: "the existing \(kind) \(existing.object.id) is linked to \(other.rawValue); it is not linked to this object too",
                existingID: existing.object.id))
            return
        }
        if existing.object.isPrivileged == true || (existing.object.isPrivileged == nil && existing.byName && !executor.settings.linkWithoutRoleInformation) {
            let refusal = TargetError(
                code: .linkRefusedPrivileged, status: error.status, requestID: error.requestID,
                detail: existing.object.isPrivileged == true
                    ? "the existing account \(existing.object.id) holds an administrator role; it is not linked"
                    : "the target does not say whether \(existing.object.id) is privileged; linking by name is off",
                existingID: existing.object.id)
            outcome.batch.results.append(ObjectResult(
                anchor: anchor, kind: kind, action: .link, code: refusal.code, value: existing.object.id, requestID: refusal.requestID,
                detail: refusal.detail, failed: true))
            return
        }
        try await link(kind, anchor, to: existing.object, fields: fields, hash: hash, into: &outcome, code: .alreadyExists)
    }

    /// Writes every mapped field to an existing object and links it.
    func link(
        _ kind: ObjectKind, _ anchor: Anchor, to object: TargetObject, fields: [FieldAssignment], hash: String,
        into outcome: inout Executor.Outcome, code: ConditionCode?
    ) async throws {
        let values = resolve(fields).values
        try await onTracked(kind, anchor, .link, into: &outcome) { (outcome: inout Executor.Outcome) in
            try await executor.target.update(kind, id: object.id, set: values, remove: [], version: versions[anchor])
            recordLinked(kind, anchor, id: object.id, fields: fields, hash: hash, into: &outcome, code: code)
        }
    }

    func recordLinked(
        _ kind: ObjectKind, _ anchor: Anchor, id: String, fields: [FieldAssignment], hash: String, into outcome: inout Executor.Outcome,
        code: ConditionCode?
    ) {
        let unresolved = unresolvedReferences(fields)
        var link = makeLink(kind, id, origin: .linked, fields: fields.filter { !unresolved.contains($0.field) }, hash: hash)
        if !unresolved.isEmpty { link.hash = "" }
        outcome.batch.links[anchor] = link
        outcome.batch.done(anchor, kind, .link, code: code, detail: code.map { _ in "linked to the existing \(kind) \(id)" })
    }

    func update(
        _ kind: ObjectKind, _ anchor: Anchor, id: String, set: [FieldAssignment], remove: [String], hash: String,
        into outcome: inout Executor.Outcome
    ) async throws {
        let values = resolve(set).values
        try await onTracked(kind, anchor, .update, into: &outcome) { (outcome: inout Executor.Outcome) in
            try await executor.target.update(kind, id: id, set: values, remove: remove, version: versions[anchor])
            recordUpdated(kind, anchor, id: id, set: set, remove: remove, hash: hash, into: &outcome)
        }
    }

    func recordUpdated(
        _ kind: ObjectKind, _ anchor: Anchor, id: String, set: [FieldAssignment], remove: [String], hash: String,
        into outcome: inout Executor.Outcome
    ) {
        let (values, unresolved) = resolve(set)
        var link = links[anchor] ?? makeLink(kind, id, origin: .linked, fields: [], hash: "")
        for assignment in set where assignment.field != "active" && !unresolved.contains(assignment.field) {
            link.fieldHashes[assignment.field] = ObjectHash.field(assignment.value)
        }
        for field in remove { link.fieldHashes[field] = nil }
        if let name = ObjectName.of(kind, in: set) { link.name = name }
        if values["active"]?.boolValue == true { link.active = true }
        link.hash = unresolved.isEmpty ? hash : ""
        link.mappingVersion = mappingVersion
        outcome.batch.links[anchor] = link
        outcome.batch.done(anchor, kind, .update)
    }

    func recordDeactivated(_ anchor: Anchor, id: String, into outcome: inout Executor.Outcome) {
        var link = links[anchor] ?? Link(kind: .user, targetID: id, origin: .linked)
        link.active = false
        outcome.batch.links[anchor] = link
        outcome.batch.done(anchor, .user, .deactivate)
    }

    func recordDeleted(_ kind: ObjectKind, _ anchor: Anchor, into outcome: inout Executor.Outcome) {
        outcome.batch.unlinked.insert(anchor)
        outcome.batch.done(anchor, kind, .delete)
    }

    /// Runs a write on an object the agent tracks; a 404 is
    /// `target-missing`: with `recreate` the link is marked missing (the
    /// next plan creates the object again), with `forget` it is dropped.
    func onTracked(
        _ kind: ObjectKind, _ anchor: Anchor, _ action: ActionName, into outcome: inout Executor.Outcome, _ body: (inout Executor.Outcome) async throws -> Void
    ) async throws {
        do {
            try await body(&outcome)
        } catch let error as TargetError where error.code == .targetMissing && links[anchor] != nil {
            switch executor.settings.targetMissing {
            case .recreate:
                var link = links[anchor] ?? Link(kind: kind, targetID: "", origin: .linked)
                link.missingInTarget = true
                outcome.batch.links[anchor] = link
                outcome.batch.fail(anchor, kind, action, error)
            case .forget:
                outcome.batch.unlinked.insert(anchor)
                outcome.batch.results.append(ObjectResult(
                    anchor: anchor, kind: kind, action: action, code: error.code, requestID: error.requestID,
                    detail: "\(error.detail); no longer tracked (policy: forget)"))
            }
        }
    }

    /// The existing object a 409 was about: by externalId first (the
    /// agent's own earlier create), then the id the error named, then the
    /// unique name. `byName` says the match rests on a name alone.
    func findExisting(_ kind: ObjectKind, _ anchor: Anchor, fields: [String: JSON], hint: String?) async throws -> (object: TargetObject, byName: Bool)? {
        if let found = try await executor.target.find(kind, by: .externalID(anchor.rawValue)) { return (found, false) }
        var keys: [TargetKey] = []
        if kind == .user {
            if let userName = fields["userName"]?.stringValue { keys.append(.userName(userName)) }
            if let email = (fields["emails"]?.arrayValue?.first ?? fields["emails"])?.stringValue { keys.append(.email(email)) }
        } else if let name = fields["displayName"]?.stringValue {
            keys.append(.displayName(name))
        }
        for key in keys {
            if let found = try await executor.target.find(kind, by: key) { return (found, true) }
        }
        return nil
    }

    /// Field values with references turned into target ids; the fields whose
    /// object has no link yet are left out and named.
    func resolve(_ fields: [FieldAssignment]) -> (values: [String: JSON], unresolved: Set<String>) {
        var values: [String: JSON] = [:]
        values.reserveCapacity(fields.count)
        var unresolved: Set<String> = []
        for assignment in fields {
            switch assignment.value {
            case .json(let json): values[assignment.field] = json
            case .reference(let anchor):
                if let link = links[anchor], !link.missingInTarget {
                    values[assignment.field] = .string(link.targetID)
                } else {
                    unresolved.insert(assignment.field)
                }
            }
        }
        return (values, unresolved)
    }

    /// The reference fields whose user is not (or no longer) in the target:
    /// `resolve(_:).unresolved` without building the values.
    func unresolvedReferences(_ fields: [FieldAssignment]) -> Set<String> {
        var unresolved: Set<String> = []
        for assignment in fields {
            guard case .reference(let anchor) = assignment.value else { continue }
            if let link = links[anchor], !link.missingInTarget { continue }
            unresolved.insert(assignment.field)
        }
        return unresolved
    }

    func makeLink(_ kind: ObjectKind, _ id: String, origin: Link.Origin, fields: [FieldAssignment], hash: String) -> Link {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        var hashes: [(name: String, digest: String)] = []
        hashes.reserveCapacity(fields.count)
        for assignment in fields where assignment.field != "active" {
            hashes.append((assignment.field, ObjectHash.field(assignment.value, buffer: &buffer)))
        }
        let fieldHashes = FieldHashes(hashes)
        let keys = PlanBuilder.uniqueKeys(fields).map { $0.key }
        return Link(
            kind: kind, targetID: id, origin: origin, hash: hash, mappingVersion: mappingVersion, fieldHashes: fieldHashes,
            active: true, uniqueKeys: keys, name: ObjectName.of(kind, in: fields) ?? "")
    }
}

extension TargetError {
    /// A 400: the request itself was refused (RFC 7644 §3.12), nothing written.
    var refusesRequest: Bool { code == .badRequest || status == 400 }
}
