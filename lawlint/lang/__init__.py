"""Language helpers that know nothing of documents: characters and numerals, dates,
发文字号, words (jieba) and text similarity."""
