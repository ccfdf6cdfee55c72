//! [`Call`]: one request as the mock recorded it.

/// One request the mock received: one attempt of a client call (a call that is retried
/// is recorded once per attempt, as UCloud would see it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub(super) number: usize,
    pub(super) product: String,
    pub(super) action: String,
    pub(super) params: Vec<(String, String)>,
}

impl Call {
    /// The action called.
    pub fn action(&self) -> &str {
        &self.action
    }

    /// The product of the action, as the client named it (`generic` for
    /// [`Client::call`](crate::Client::call)).
    pub fn product(&self) -> &str {
        &self.product
    }

    /// Its place among the requests the mock received, from 1.
    pub fn number(&self) -> usize {
        self.number
    }

    /// The parameters as sent (sorted by name; base64 values encoded), `Action`,
    /// `PublicKey` and the common parameters included, `Signature` left out.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The value of parameter `name` (a wire name: `ImageId`, `Disks.0.Size`), if sent.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The values of a list of values, in index order: `["uhost-1", "uhost-2"]` for
    /// `UHostIds.0` and `UHostIds.1`. Empty when none is sent.
    pub fn list(&self, name: &str) -> Vec<&str> {
        let mut items: Vec<(u64, &str)> = self
            .params
            .iter()
            .filter_map(|(n, v)| {
                let index = n.strip_prefix(name)?.strip_prefix('.')?.parse().ok()?;
                Some((index, v.as_str()))
            })
            .collect();
        items.sort_by_key(|(index, _)| *index);
        items.into_iter().map(|(_, v)| v).collect()
    }
}
