import { jwtVerify, importJWK, decodeJwt, decodeProtectedHeader } from 'jose'; globalThis.x = [jwtVerify, importJWK, decodeJwt, decodeProtectedHeader];
