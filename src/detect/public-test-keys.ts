/**
 * Private keys published in well-known projects' test suites, docs and templates, by
 * `publicKeyHash` (SHA-256 of the key's base64 characters; for a key store, of its bytes): the
 * hashes, never the keys. A key listed here is public knowledge: finding it is not a leak,
 * wherever it sits (but a service trusting it is a problem of another kind). New entries:
 * `node dist/tools/public-key-hashes.js dir:ROOTFS` prints the hashes of the keys a scan finds.
 */
export const PUBLIC_TEST_KEYS: ReadonlyMap<string, string> = new Map<string, string>([
  // Key stores are listed by the SHA-256 of their bytes (as findings name them).
  ["a957fb8c8a3e3e7b1b8d2c58e97e02759b61cd7cbecca409c0763c8d6d9691f4", "CMake's Windows app template (Templates/Windows/Windows_TemporaryKey.pfx)"],
  ["ebf0b1587c9ce3a3d8a85313cd5a48f7fc4d6fb8a5506d8072984f558b80fea1", "CPython test suite (Lib/test/allsans.pem)"],
  ["c21f5fc525cdcd86c3750fd4c5b5dfb8e644c8de62ef5c0477500a19023f5d6e", "CPython test suite (Lib/test/badcert.pem)"],
  ["6c2e27f2065c87ddb35f20d98b54fd0c0d1c44cf974561d6cba085d77aca0c02", "CPython test suite (Lib/test/badkey.pem)"],
  ["fd681435cd09e0542149fdbc8c9ffd6a33c78eb991e27b6f03497f6fc234e8d8", "CPython test suite (Lib/test/idnsans.pem)"],
  ["a4b13c7bba72f43af51f5012886c713160ef31f69a560a7f42dc7dbaeaca95a0", "CPython test suite (Lib/test/keycert.pem)"],
  ["d0015ffd2d53443af0ea7608a52b75f71665c321eb8496ad27aaf11aa719446b", "CPython test suite (Lib/test/keycert2.pem)"],
  ["11459d6d79b1b7c6705dcfa1efd868ac6aa18a95624f0c3b15f27952976e7955", "CPython test suite (Lib/test/keycert3.pem)"],
  ["687f2d69450298c0a267ff2143e2e55fa197c67cee0a114422e40c6b61666bb4", "CPython test suite (Lib/test/keycert4.pem)"],
  ["564cb12fd4416e815e553c68e40fceee3f9e9605f96755ed55e10b153d38bc35", "CPython test suite (Lib/test/keycertecc.pem)"],
  ["a392d787746182a3a4d59fbe5ba335104510f5757cde47ae73adae3021e09fec", "CPython test suite (Lib/test/nosan.pem)"],
  ["574cd7f5fa0746c7549d7853d6f5cf9d343ebc7e1d3705bfb4d47eba6a63677b", "CPython test suite (Lib/test/pycakey.pem)"],
  ["bf552d2ff30b20f0b0ee2bcc357a5ab68dbe899ae09a0071b097bee2d2434332", "GnuTLS self-test keys (lib/crypto-selftests-pk.c), compiled into libgnutls"],
  ["cadf1e62661d5d21a7fce2c80b3319022ee366137e4b302a7ea78b7f17d6f599", "GnuTLS self-test keys (lib/crypto-selftests-pk.c), compiled into libgnutls"],
  ["518a21fe5a8a54f8f31d8913c3aa5be433ba94871630b3f85009c146bd3b844e", "GnuTLS self-test keys (lib/crypto-selftests-pk.c), compiled into libgnutls"],
  ["0abce0c5fd3b863ee4d881dcc5382b334393868cef4c32e687d87ce334d456b8", "GnuTLS self-test keys (lib/crypto-selftests-pk.c), compiled into libgnutls"],
  ["24a2416c5abbb67327599619c25906553b849d79cbc413e2a061f12de6718838", "GnuTLS self-test keys (lib/crypto-selftests-pk.c), compiled into libgnutls"],
  ["6d03bbf47115fad00d6f990593a6465ca693d0f6d797721cfc94b0190349b50d", "GnuTLS self-test keys (lib/crypto-selftests-pk.c), compiled into libgnutls"],
  ["f287c70b1db074fe73f73bfb1f09a8b0231e0d951d5bfd30a742bcb9de9195ab", "GnuTLS self-test keys (lib/crypto-selftests-pk.c), compiled into libgnutls"],
  ["30db3ea6d728b88c03c56388f64efb5bfe5e8d0ed3640482108ac79645304e6f", "GnuTLS self-test keys (lib/crypto-selftests-pk.c), compiled into libgnutls"],
  ["c780c483da21d36753a9662fc03234d3fda795fe0bad451fbfa01dab43321ac5", "GnuTLS self-test keys (lib/crypto-selftests-pk.c), compiled into libgnutls"],
  ["9ab6db67523ba6071fdb948b3ce38349ec08fb726f359abbbca33a3a84238ba2", "GnuTLS self-test keys (lib/crypto-selftests-pk.c), compiled into libgnutls"],
  ["e05d1c2b1686a455cbd726049d7146521b8a9be8879fccda3af411642a5d5985", "OpenSSL demos (bio/server-ec.pem)"],
  ["aa3a24953b608542b162a249e357bc95a0c8736a45605761b829059bfac44ef1", "OpenSSL demos (certs/apps/ckey.pem)"],
  ["267afc4cd87840deb60220f00b4e599ed21fdaf2372b13f0822a0e17e02cfccb", "OpenSSL demos (certs/apps/intkey.pem)"],
  ["2997587514db74480e3351db6af9cc68d75ac0f3b815b8e611bd8de9be15776a", "OpenSSL demos (certs/apps/rootkey.pem)"],
  ["355ff4c1932a0eb496f3514cdd16c87830b7bc608c6f9709a950e635888da88a", "OpenSSL demos (certs/apps/skey.pem)"],
  ["43c89031b4acc4e3ec1ee09d02ff0ded494ad1c007e2151e20ed55b73d37b714", "OpenSSL demos (certs/apps/skey2.pem)"],
  ["f9526a721c2a2f2145df0a698ae171f276144e6dd0a250cbf996728d4e5e3917", "OpenSSL demos (cms/cakey.pem)"],
  ["c8471aee113b632bfc447d44d5ae3777b16bf79b06be35444729dedee205ed90", "OpenSSL demos (cms/signer.pem)"],
  ["0fe3abd25700a1f1252cf27fb0b341db43c00558edc706348a55cbbf653d0a6f", "OpenSSL demos (cms/signer2.pem)"],
  ["b3ef3851341fd279d40918299fd6f7c146e9e3d5b5861c22cb10995f439ca95c", "xmlsec1 examples (rsakey.pem)"],
  ["da4b473953b1ea4d144572b0d7b023fb37c935369e10ce5c4457e6d491217d92", "CPython test suite (Lib/test/keycert.passwd.pem)"],
  ["9ace1d453f107d8224fa59ec6215236187bb6013cce2cd0c031228a72a897471", "CPython test suite (Lib/test/ssl_key.passwd.pem)"],
]);
