//! Device identity: an ed25519 key made from 32 seed bytes the app supplies (getrandom in the
//! browser), the short device code people read aloud when enrolling a phone, and join requests.
//!
//! Core stays deterministic: the same seed always gives the same key and code.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Domain tags: a signature made for one purpose can never be replayed as another.
pub const DOMAIN_JOIN: &str = "huanjie-join-v1";
pub const DOMAIN_BUNDLE: &str = "huanjie-bundle-v1";
pub const DOMAIN_HEAD: &str = "huanjie-head-v1";

/// 32 symbols without 0/O and 1/I, so a code read over the phone is not misheard or mistyped.
const CODE_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// What a device does in the election; decides what its files may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    ElectionCommittee,
    GridWorker,
    Office,
}

/// A device as other devices know it: enrolled by the committee, listed in rosters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRecord {
    /// Short code derived from the public key, e.g. "K7QF-3MXA"; also `Event::device`.
    pub code: String,
    /// Hex of the 32-byte ed25519 public key.
    pub public_key: String,
    pub role: Role,
    /// The person's name as they entered it (display only, not trusted).
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityError {
    /// Public key is not 64 hex digits or not a valid curve point.
    BadPublicKey,
    /// The code does not belong to the public key (hand-edited record).
    CodeMismatch,
    /// Signature missing, malformed or not made by this key over this content.
    BadSignature,
    /// Not a join request, or one from a newer app.
    NotAJoinRequest,
}

impl std::fmt::Display for IdentityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IdentityError::BadPublicKey => "invalid public key",
            IdentityError::CodeMismatch => "device code does not match its public key",
            IdentityError::BadSignature => "signature invalid",
            IdentityError::NotAJoinRequest => "not a Huanjie join request",
        })
    }
}

/// This device's signing key. Store `seed()` (e.g. in localStorage) to keep the identity.
pub struct DeviceKey {
    signing: SigningKey,
}

impl DeviceKey {
    pub fn from_seed(seed: [u8; 32]) -> DeviceKey {
        DeviceKey { signing: SigningKey::from_bytes(&seed) }
    }

    pub fn seed(&self) -> [u8; 32] {
        self.signing.to_bytes()
    }

    pub fn public_key(&self) -> [u8; 32] {
        self.signing.verifying_key().to_bytes()
    }

    pub fn public_key_hex(&self) -> String {
        to_hex(&self.public_key())
    }

    pub fn code(&self) -> String {
        device_code(&self.public_key())
    }

    pub fn record(&self, role: Role, name: &str) -> DeviceRecord {
        DeviceRecord { code: self.code(), public_key: self.public_key_hex(), role, name: name.to_string() }
    }

    /// Base64 ed25519 signature over `domain` + "\n" + `message`.
    pub fn sign(&self, domain: &str, message: &[u8]) -> String {
        B64.encode(self.signing.sign(&domain_message(domain, message)).to_bytes())
    }
}

impl std::fmt::Debug for DeviceKey {
    // Never print the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DeviceKey({})", self.code())
    }
}

impl DeviceRecord {
    /// The verifying key, after checking that the code really belongs to it.
    pub fn verifying_key(&self) -> Result<VerifyingKey, IdentityError> {
        let bytes: [u8; 32] =
            from_hex(&self.public_key).and_then(|v| v.try_into().ok()).ok_or(IdentityError::BadPublicKey)?;
        let key = VerifyingKey::from_bytes(&bytes).map_err(|_| IdentityError::BadPublicKey)?;
        if device_code(&bytes) != self.code {
            return Err(IdentityError::CodeMismatch);
        }
        Ok(key)
    }

    /// Checks a signature made with `DeviceKey::sign` by this device.
    pub fn verify(&self, domain: &str, message: &[u8], signature_b64: &str) -> Result<(), IdentityError> {
        verify_with(&self.verifying_key()?, domain, message, signature_b64)
    }
}

pub(crate) fn verify_with(
    key: &VerifyingKey,
    domain: &str,
    message: &[u8],
    signature_b64: &str,
) -> Result<(), IdentityError> {
    let bytes = B64.decode(signature_b64).map_err(|_| IdentityError::BadSignature)?;
    let signature = Signature::from_slice(&bytes).map_err(|_| IdentityError::BadSignature)?;
    // Strict: rejects malleable signatures and weak keys.
    key.verify_strict(&domain_message(domain, message), &signature).map_err(|_| IdentityError::BadSignature)
}

fn domain_message(domain: &str, message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(domain.len() + 1 + message.len());
    out.extend_from_slice(domain.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(message);
    out
}

/// "K7QF-3MXA": the first 40 bits of sha256(public key) in `CODE_ALPHABET`, grouped by four.
pub fn device_code(public_key: &[u8; 32]) -> String {
    let hash = Sha256::digest(public_key);
    let bits = hash[..5].iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    let mut code = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            code.push('-');
        }
        code.push(CODE_ALPHABET[((bits >> (35 - 5 * i)) & 31) as usize] as char);
    }
    code
}

/// A code as a person typed it ("k7qf 3mxa", "K7QF3MXA") in canonical form, or None if it cannot be one.
pub fn normalize_code(input: &str) -> Option<String> {
    let chars: Vec<char> =
        input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    if chars.len() != 8 || !chars.iter().all(|c| c.is_ascii() && CODE_ALPHABET.contains(&(*c as u8))) {
        return None;
    }
    let mut code: String = chars[..4].iter().collect();
    code.push('-');
    code.extend(&chars[4..]);
    Some(code)
}

/// What a grid worker's phone sends the committee to be enrolled: its record with the person's
/// name, the grid the person says they serve, all signed by itself (proves the sender holds the
/// key; the committee still checks the person and the code, and assigns the grid).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinRequest {
    /// Always "huanjie-join".
    pub format: String,
    pub format_version: u32,
    pub record: DeviceRecord,
    /// The grid as the person named it ("第2网格"); absent in requests of older versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<String>,
    pub signature: String,
}

impl JoinRequest {
    pub const FORMAT: &'static str = "huanjie-join";

    pub fn new(key: &DeviceKey, role: Role, name: &str, grid: Option<&str>) -> JoinRequest {
        let record = key.record(role, name);
        let grid = grid.map(str::trim).filter(|g| !g.is_empty()).map(String::from);
        let signature = key.sign(DOMAIN_JOIN, &join_message(&record, grid.as_deref()));
        JoinRequest { format: Self::FORMAT.into(), format_version: 1, record, grid, signature }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }

    /// Parses and verifies; returns the request to show the person before they accept it.
    pub fn open(bytes: &[u8]) -> Result<JoinRequest, IdentityError> {
        let request: JoinRequest = serde_json::from_slice(bytes).map_err(|_| IdentityError::NotAJoinRequest)?;
        request.verify()?;
        Ok(request)
    }

    /// `open`, for the record only.
    pub fn verify_bytes(bytes: &[u8]) -> Result<DeviceRecord, IdentityError> {
        JoinRequest::open(bytes).map(|r| r.record)
    }

    pub fn verify(&self) -> Result<(), IdentityError> {
        if self.format != Self::FORMAT || self.format_version != 1 {
            return Err(IdentityError::NotAJoinRequest);
        }
        self.record.verify(DOMAIN_JOIN, &join_message(&self.record, self.grid.as_deref()), &self.signature)
    }
}

/// The signed bytes: the record alone (as version 1 always signed it), or with the grid.
fn join_message(record: &DeviceRecord, grid: Option<&str>) -> Vec<u8> {
    match grid {
        None => serde_json::to_vec(record),
        Some(grid) => serde_json::to_vec(&(record, grid)),
    }
    .expect("plain data serializes")
}

pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    text.as_bytes().chunks(2).map(|p| Some(digit(p[0])? << 4 | digit(p[1])?)).collect()
}

/// Lower-case hex sha256: the one hash format used for event ids, bundle hashes and definitions.
pub fn sha256_hex(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> DeviceKey {
        DeviceKey::from_seed([n; 32])
    }

    #[test]
    fn same_seed_same_identity_and_code_shape() {
        assert_eq!(key(1).code(), key(1).code());
        assert_ne!(key(1).code(), key(2).code());
        let code = key(1).code();
        assert_eq!(code.len(), 9);
        assert_eq!(&code[4..5], "-");
        assert_eq!(normalize_code(&code.to_lowercase().replace('-', " ")), Some(code));
        assert_eq!(normalize_code("K7QF-3MX0"), None, "0 is not in the alphabet");
    }

    #[test]
    fn record_checks_code_against_key() {
        let mut record = key(3).record(Role::GridWorker, "李四");
        assert!(record.verifying_key().is_ok());
        record.code = key(4).code();
        assert_eq!(record.verifying_key().err(), Some(IdentityError::CodeMismatch));
        record.public_key = "zz".into();
        assert_eq!(record.verifying_key().err(), Some(IdentityError::BadPublicKey));
    }

    #[test]
    fn signatures_are_bound_to_domain_and_message() {
        let k = key(5);
        let record = k.record(Role::Office, "");
        let sig = k.sign(DOMAIN_HEAD, b"abc");
        assert!(record.verify(DOMAIN_HEAD, b"abc", &sig).is_ok());
        assert!(record.verify(DOMAIN_BUNDLE, b"abc", &sig).is_err());
        assert!(record.verify(DOMAIN_HEAD, b"abd", &sig).is_err());
        assert!(record.verify(DOMAIN_HEAD, b"abc", "not base64!").is_err());
    }

    #[test]
    fn join_request_round_trip_and_tamper() {
        let request = JoinRequest::new(&key(6), Role::GridWorker, "王五", None);
        let record = JoinRequest::verify_bytes(request.to_json().as_bytes()).unwrap();
        assert_eq!(record.name, "王五");
        let edited = request.to_json().replace("王五", "赵六");
        assert_eq!(JoinRequest::verify_bytes(edited.as_bytes()), Err(IdentityError::BadSignature));
        assert_eq!(JoinRequest::verify_bytes(b"{}"), Err(IdentityError::NotAJoinRequest));
    }

    #[test]
    fn a_join_request_carries_the_persons_name_and_grid_under_its_signature() {
        let request = JoinRequest::new(&key(7), Role::GridWorker, "李晓红", Some(" 第1网格 "));
        let opened = JoinRequest::open(request.to_json().as_bytes()).unwrap();
        assert_eq!((opened.record.name.as_str(), opened.grid.as_deref()), ("李晓红", Some("第1网格")));
        let moved = request.to_json().replace("第1网格", "第3网格");
        assert_eq!(JoinRequest::open(moved.as_bytes()).err(), Some(IdentityError::BadSignature));
        // An empty grid is no grid, and signs like a request of the first version.
        assert_eq!(JoinRequest::new(&key(7), Role::GridWorker, "李晓红", Some("")).grid, None);
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(from_hex(&to_hex(&[0, 1, 254, 255])), Some(vec![0, 1, 254, 255]));
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("abc"), None);
    }
}
