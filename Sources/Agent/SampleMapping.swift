/// The mapping the demo syncs the sample directory with, kept here so that
/// `dsync demo` and the tests of the sample scenario use the same text.
public enum SampleMapping {
    /// A `mapping:` section: the openldap defaults, plus the custom field
    /// `office` ← roomNumber (the sample's directory defines it).
    public static let yaml = """
        mapping:
          users:
            # The openldap defaults, plus the custom field office.
            userName: {from: uid, transforms: [first, lower]}
            emails: {from: mail, transforms: [lower]}
            displayName: {from: cn, transforms: [first]}
            name.givenName: {from: givenName, transforms: [first]}
            name.familyName: {from: sn, transforms: [first]}
            title: {from: title, transforms: [first]}
            phoneNumbers: telephoneNumber
            employeeNumber: {from: employeeNumber, transforms: [first]}
            department: {from: departmentNumber, transforms: [first]}
            manager: {from: manager, transforms: [first, dnToReference]}
            office: {from: roomNumber, transforms: [first]}
        """
}
