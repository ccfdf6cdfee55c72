//! Whether a value is a secret the SDK must never print.

/// Words of a name that make its value a secret: `Password`, `Passwd`, `Pwd`, `Passphrase`,
/// `Secret`, `Token`, `PrivateKey`, `PreSharedKey`, `Credential`.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "token",
    "credential",
];

/// Runs of words that make a value a secret: `PrivateKey`, `PreSharedKey` (but not `Key`,
/// `PublicKey` or `KeyPairId`).
const SECRET_RUNS: &[&[&str]] = &[&["private", "key"], &["pre", "shared", "key"]];

/// Words of a name that make it something about a secret, not the secret: `HasPassword`,
/// `PasswordPolicy`, `MaxPasswordAge`, `TokenId`, `NextToken` (a page cursor), `KeyPairId`,
/// `PrivateKeyCiphertextBlob` (encrypted), `PublicKey`.
const ABOUT_WORDS: &[&str] = &[
    "has",
    "is",
    "enable",
    "enabled",
    "generate",
    "need",
    "allow",
    "max",
    "min",
    "next",
    "page",
    "id",
    "ids",
    "name",
    "names",
    "policy",
    "date",
    "time",
    "age",
    "type",
    "mode",
    "status",
    "state",
    "length",
    "len",
    "spec",
    "usage",
    "version",
    "set",
    "list",
    "required",
    "valid",
    "algorithm",
    "algorithms",
    "url",
    "file",
    "count",
    "strength",
    "rule",
    "rules",
    "ciphertext",
    "fingerprint",
    "format",
    "expire",
    "expired",
    "public",
    "reset",
    "flag",
    "level",
    "region",
];

/// Chinese descriptions that name a secret (`管理员密码`, `用户私钥`, `预共享密钥`,
/// `授权Token`): the first clause ends with one of these.
const SECRET_NOUNS: &[&str] = &[
    "密码", "私钥", "口令", "令牌", "密钥", "秘钥", "token", "secret",
];

/// Whether the value of a parameter or field named `name` (a wire name like
/// `Disks.N.Password` is fine) and described by `description` is a secret: a password, a
/// private or pre-shared key, a secret key, a token.
///
/// By name: one of the `SECRET_WORDS` or `SECRET_RUNS` among the name's words, unless a
/// word says the field is *about* the secret (`ABOUT_WORDS`: `HasPassword`,
/// `PasswordPolicy`, `MaxPasswordAge`, `TokenId`, `NextToken`, `KeyPairId`).
///
/// By text, for names that say nothing (`SSLKey`, `EtcdKey`, `AuthPlayKey`, `ImageKey`):
/// the description's first clause ends with a secret noun (`MySQL 客户端私钥`,
/// `集群etcd服务密钥`, `鉴权key`), and the name is not about a secret either. Declined:
/// `公钥` (public), `密文密钥` (encrypted), `密钥ID`/`密钥对名称` (not at the end), and
/// anything the caller passes as a bool or number (the caller decides by type).
pub fn sensitive(name: &str, description: &str) -> bool {
    let last = name
        .rsplit('.')
        .find(|s| *s != "N" && !s.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or(name);
    let words = words(last);
    if words.iter().any(|w| ABOUT_WORDS.contains(&w.as_str())) {
        return false;
    }
    let has_run = |run: &[&str]| words.windows(run.len()).any(|w| w.iter().eq(run.iter()));
    if words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || SECRET_RUNS.iter().any(|r| has_run(r))
    {
        return true;
    }
    // Only a name that could hold a key says nothing: `SSLKey`, `EtcdKey`, `AuthPlayKey`.
    words.last().is_some_and(|w| w == "key") && secret_description(description)
}

/// The description's first clause names a secret.
fn secret_description(description: &str) -> bool {
    let text = description.trim_start_matches(|c: char| c.is_whitespace());
    // `【已废弃】该快照的密文密钥`: a bracketed note is not the clause.
    let text = match text.strip_prefix('【').and_then(|r| r.split_once('】')) {
        Some((_, rest)) => rest,
        None => text,
    };
    let end = text
        .find(['。', '，', ',', '；', ';', '（', '(', '<'])
        .unwrap_or(text.len());
    let head = text[..end].trim().to_ascii_lowercase();
    let head = head.trim_end_matches(['.', ' ']);
    if head.ends_with("公钥") || head.ends_with("密文密钥") || head.ends_with("加密密钥")
    {
        return false;
    }
    SECRET_NOUNS.iter().any(|n| head.ends_with(n)) || head.ends_with("鉴权key")
}

/// `US3SecretKey` → `us3 secret key`, `SSLKey` → `ssl key`, `PassWord` → `pass word`
/// joined where they make a secret word (`password`).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = !cur.is_empty()
            && (c == '_'
                || (c.is_ascii_uppercase()
                    && (prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                        || (prev.is_some_and(|p| p.is_ascii_uppercase())
                            && next.is_some_and(|n| n.is_ascii_lowercase())))));
        if boundary {
            words.push(std::mem::take(&mut cur).to_ascii_lowercase());
        }
        if c != '_' {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        words.push(cur.to_ascii_lowercase());
    }
    // `PassWord`, `PassWd`: a secret word split by its capitals.
    let mut joined: Vec<String> = Vec::new();
    for w in words {
        match joined.last_mut() {
            Some(prev) if prev == "pass" && matches!(w.as_str(), "word" | "wd" | "phrase") => {
                prev.push_str(&w)
            }
            _ => joined.push(w),
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_into_words() {
        assert_eq!(words("US3SecretKey"), ["us3", "secret", "key"]);
        assert_eq!(words("SSLKey"), ["ssl", "key"]);
        assert_eq!(words("PassWord"), ["password"]);
        assert_eq!(words("IsSeiPassThrough"), ["is", "sei", "pass", "through"]);
        assert_eq!(words("access_key_secret"), ["access", "key", "secret"]);
    }

    #[test]
    fn secrets_by_name() {
        for name in [
            "Password",
            "Disks.N.Password",
            "AdminPassword",
            "PassWord",
            "ServicePasswd",
            "VncPassword",
            "PrivateKey",
            "SslPrivateKey",
            "PrivateKeyBody",
            "PrivateKeyPlaintext",
            "SecretKey",
            "US3SecretKey",
            "AccessKeySecret",
            "IKEPreSharedKey",
            "PreSharedKey",
            "SecurityToken",
            "AccessToken",
            "VncToken",
            "Token",
        ] {
            assert!(sensitive(name, ""), "{name}");
        }
    }

    #[test]
    fn about_secrets_by_name() {
        for name in [
            "HasPassword",
            "PasswordPolicyDate",
            "MaxPasswordAge",
            "PasswordResetRequired",
            "GenerateRandomPassword",
            "TokenId",
            "TokenName",
            "US3TokenId",
            "NextToken",
            "KeyPairId",
            "PublicKey",
            "KmsPublicKey",
            "PrivateKeyCiphertextBlob",
            "IsSeiPassThrough",
            "Pass",
            "AccessKeyId",
            "LoginMode",
        ] {
            assert!(!sensitive(name, "登录密码"), "{name}");
        }
    }

    #[test]
    fn secrets_by_description() {
        assert!(sensitive(
            "SSLKey",
            "MySQL 客户端私钥， 需要将文件内容 base64"
        ));
        assert!(sensitive("EtcdKey", "集群etcd服务密钥"));
        assert!(sensitive("AuthPlayKey", "鉴权key"));
        assert!(sensitive("CertificateKey", "SSL证书对应的私钥"));
        assert!(!sensitive("AccessKey", "公钥"));
        assert!(!sensitive(
            "US3AccessKey",
            "US3 配置公钥，仅支持框架为StarRocks存算分离时传入"
        ));
        assert!(!sensitive("DataKey", "【已废弃】该快照的密文密钥"));
        assert!(!sensitive(
            "AuthKey",
            "DNS对应的CNAME的key，FILE对应的文件名称"
        ));
        assert!(!sensitive("Key", "用户资源标签的键值"));
        assert!(!sensitive("KeyId", "用于加密私钥的 KMS 密钥"));
        // A name that is not a key says what it holds.
        assert!(!sensitive("Remark", "备注，不要写密码"));
        assert!(!sensitive("Content", "密码"));
    }
}
