package cn.finalaccounts.accounts.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reading RFC 7240's Prefer header for return=minimal. */
class ReturnPreferenceTest {
    @Test
    void returnMinimalIsFoundAmongOtherPreferencesWhateverItsCaseQuotesOrParameters() {
        assertTrue(ReturnPreference.minimal("return=minimal"));
        assertTrue(ReturnPreference.minimal("respond-async, wait=10, return=minimal"));
        assertTrue(ReturnPreference.minimal(" Return = \"MINIMAL\" ; foo=bar"));
    }

    @Test
    void anythingElseAsksForTheWholeRepresentation() {
        assertFalse(ReturnPreference.minimal(null));
        assertFalse(ReturnPreference.minimal(""));
        assertFalse(ReturnPreference.minimal("return=representation"));
        assertFalse(ReturnPreference.minimal("respond-async"));
        assertFalse(ReturnPreference.minimal("returns=minimal"));
        assertFalse(ReturnPreference.minimal("handling=minimal"));
        // The first return preference counts (RFC 7240 §2).
        assertFalse(ReturnPreference.minimal("return=representation, return=minimal"));
    }

    @Test
    void aHostileHeaderIsReadAsNoPreferenceNeverAsAFailure() {
        assertFalse(ReturnPreference.minimal("return"));
        assertFalse(ReturnPreference.minimal("return="));
        assertFalse(ReturnPreference.minimal("=minimal"));
        assertFalse(ReturnPreference.minimal(",,,;;;==="));
        assertFalse(ReturnPreference.minimal("return=minimal\u0000"));
        assertFalse(ReturnPreference.minimal("返回=最小"));
        assertFalse(ReturnPreference.minimal(",".repeat(10_000)));
        assertTrue(ReturnPreference.minimal(",".repeat(10_000) + "return=minimal"));
    }
}
