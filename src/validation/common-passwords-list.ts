export const COMMON_PASSWORDS = "password\n12345678";
