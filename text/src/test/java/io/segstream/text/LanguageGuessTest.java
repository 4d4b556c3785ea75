package io.segstream.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageGuessTest {
  @Test
  void englishReviewsReadAsEnglish() {
    assertThat(LanguageGuess.of("Love this dress! it's sooo pretty. i happened to find it in a store"))
        .isEqualTo(LanguageGuess.Verdict.ENGLISH);
    assertThat(LanguageGuess.of("Runs small, ordered my usual size and had to return it."))
        .isEqualTo(LanguageGuess.Verdict.ENGLISH);
  }

  @Test
  void otherLanguagesAndScriptsDoNot() {
    assertThat(LanguageGuess.of("Robe magnifique, tissu très agréable, taille parfaitement, je recommande vivement"))
        .isEqualTo(LanguageGuess.Verdict.OTHER);
    assertThat(LanguageGuess.of("Das Kleid ist wunderschön, der Stoff fühlt sich toll an und passt perfekt"))
        .isEqualTo(LanguageGuess.Verdict.OTHER);
    assertThat(LanguageGuess.of("Vestido precioso, la tela es muy suave y queda perfecto"))
        .isEqualTo(LanguageGuess.Verdict.OTHER);
    assertThat(LanguageGuess.of("Очень красивое платье, ткань приятная")).isEqualTo(LanguageGuess.Verdict.OTHER);
    assertThat(LanguageGuess.of("とても可愛いワンピースです")).isEqualTo(LanguageGuess.Verdict.OTHER);
  }

  @Test
  void aFewWordsAreTooFewToTell() {
    assertThat(LanguageGuess.of("Gorgeous, perfect!")).isEqualTo(LanguageGuess.Verdict.TOO_SHORT);
  }
}
