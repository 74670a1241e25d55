<?xml version="1.0" encoding="utf-8"?>
<!-- The hub's feeds as a browser shows them: templates/atom.xml and rss.xml
     name this stylesheet, and a browser opening a feed renders this page
     (title, the entries with links and dates, and a line saying what a feed
     is) instead of raw XML. Feed readers ignore it. Its words come from the
     feed itself (px:browser, in the feed's language), so that one static
     file serves every language. No inline style or script: the hub's CSP
     forbids them. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:a="http://www.w3.org/2005/Atom" xmlns:px="urn:x-praxis:feed"
	exclude-result-prefixes="a px">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

<!-- the page around the entries; lang, title, home, self and note come
     from the feed, whichever its format -->
<xsl:template name="page">
	<xsl:param name="lang"/>
	<xsl:param name="title"/>
	<xsl:param name="home"/>
	<xsl:param name="self"/>
	<xsl:param name="note"/>
	<xsl:param name="entries"/>
	<html lang="{$lang}">
	<head>
	<meta name="viewport" content="width=device-width, initial-scale=1"/>
	<title><xsl:value-of select="$title"/></title>
	<link rel="stylesheet" href="/static/praxis.css"/>
	</head>
	<body>
	<header class="site"><div class="bar"><a class="brand" href="{$home}">praxis</a></div></header>
	<main id="main" class="feed-view">
	<p class="notice feed-note"><xsl:value-of select="$note"/><xsl:text> </xsl:text>
	<a href="{$note/@subscribe}"><xsl:value-of select="$note/@subscribe-label"/></a></p>
	<h1><a href="{$home}"><xsl:value-of select="$title"/></a></h1>
	<div class="feed-address">
	<label for="address"><xsl:value-of select="$note/@address-label"/></label>
	<input id="address" type="text" readonly="readonly" value="{$self}"/>
	</div>
	<div class="stream"><xsl:copy-of select="$entries"/></div>
	</main>
	</body>
	</html>
</xsl:template>

<xsl:template name="entry">
	<xsl:param name="title"/>
	<xsl:param name="link"/>
	<xsl:param name="date"/> <!-- RFC 3339, or '' -->
	<xsl:param name="day"/>  <!-- the date as shown: "2026-11-26" (Atom), "26 Nov 2026" (RSS) -->
	<xsl:param name="summary"/>
	<article class="card">
	<h2><a href="{$link}"><xsl:value-of select="$title"/></a></h2>
	<xsl:if test="string($summary)"><p class="subtitle"><xsl:value-of select="$summary"/></p></xsl:if>
	<p class="date"><xsl:choose>
		<xsl:when test="string($date)"><time datetime="{$date}"><xsl:value-of select="$day"/></time></xsl:when>
		<xsl:otherwise><xsl:value-of select="$day"/></xsl:otherwise>
	</xsl:choose></p>
	</article>
</xsl:template>

<xsl:template match="/a:feed">
	<xsl:call-template name="page">
		<xsl:with-param name="lang" select="@xml:lang"/>
		<xsl:with-param name="title" select="a:title"/>
		<xsl:with-param name="home" select="a:link[@rel='alternate']/@href"/>
		<xsl:with-param name="self" select="a:link[@rel='self']/@href"/>
		<xsl:with-param name="note" select="px:browser"/>
		<xsl:with-param name="entries">
			<xsl:for-each select="a:entry">
				<xsl:call-template name="entry">
					<xsl:with-param name="title" select="a:title"/>
					<xsl:with-param name="link" select="a:link[@rel='alternate']/@href"/>
					<xsl:with-param name="date" select="a:published"/>
					<xsl:with-param name="day" select="substring(a:published, 1, 10)"/>
					<xsl:with-param name="summary" select="a:summary"/>
				</xsl:call-template>
			</xsl:for-each>
		</xsl:with-param>
	</xsl:call-template>
</xsl:template>

<xsl:template match="/rss">
	<xsl:call-template name="page">
		<xsl:with-param name="lang" select="channel/language"/>
		<xsl:with-param name="title" select="channel/title"/>
		<xsl:with-param name="home" select="channel/link"/>
		<xsl:with-param name="self" select="channel/a:link[@rel='self']/@href"/>
		<xsl:with-param name="note" select="channel/px:browser"/>
		<xsl:with-param name="entries">
			<xsl:for-each select="channel/item">
				<xsl:call-template name="entry">
					<xsl:with-param name="title" select="title"/>
					<xsl:with-param name="link" select="link"/>
					<xsl:with-param name="date" select="''"/>
					<xsl:with-param name="day" select="substring(pubDate, 6, 11)"/>
					<xsl:with-param name="summary" select="description"/>
				</xsl:call-template>
			</xsl:for-each>
		</xsl:with-param>
	</xsl:call-template>
</xsl:template>
</xsl:stylesheet>
